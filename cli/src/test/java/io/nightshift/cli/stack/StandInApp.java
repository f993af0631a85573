package io.nightshift.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real child processes for supervisor tests, started through {@link AppProcess} like the platform's
 * apps but in a fraction of their start-up time: a sleeper, one that crashes at once, and a JVM
 * that answers {@code /actuator/health} like a Spring Boot app.
 */
final class StandInApp {

    private static final String HEALTHY_SOURCE = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;

            public class HealthyStandIn {
                public static void main(String[] args) throws Exception {
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                    server.createContext("/actuator/health", exchange -> {
                        byte[] body = "{\\"status\\":\\"UP\\"}".getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;

    private StandInApp() {
    }

    /** Runs until killed. */
    static List<String> sleeper() {
        return List.of("sleep", "600");
    }

    /** Ends at once with exit code 3, like an app that cannot reach what it needs. */
    static List<String> crasher() {
        return List.of("sh", "-c", "exit 3");
    }

    /** A JVM answering UP on {@code /actuator/health} at {@code port}, from a source file written to {@code dir}. */
    static List<String> healthy(Path dir, int port) {
        try {
            Path source = Files.writeString(Files.createDirectories(dir).resolve("HealthyStandIn.java"), HEALTHY_SOURCE);
            return List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx32m", source.toString(),
                    String.valueOf(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
