package io.nightshift.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * An application running as its own JVM, as in production: cloud and laptop never share a
 * process. Its output goes to {@code .nightshift/logs/<name>.log}.
 */
public final class AppProcess {

    /** Time for Spring's graceful shutdown: requests in flight answered, Kafka clients closed, offsets committed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final AppSpec spec;
    private final List<String> command;
    private final StackLayout layout;
    private Process process;

    /** @param command the program and its arguments; {@link #javaApp} builds the one for a Spring Boot jar */
    AppProcess(AppSpec spec, List<String> command, StackLayout layout) {
        this.spec = spec;
        this.command = List.copyOf(command);
        this.layout = layout;
    }

    /** One of the platform's runnable jars, in its own JVM, with the stack's Spring arguments. */
    static AppProcess javaApp(AppSpec spec, Path jar, StackLayout layout) {
        List<String> command = new ArrayList<>(List.of(javaBinary(),
                "-Xmx" + spec.heap(),
                // Without it a JVM out of memory lingers half-alive; exiting makes it a crash the supervisor repairs.
                "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED",
                "-Djna.tmpdir=" + layout.run().resolve("jna"),
                "-jar", jar.toString()));
        command.addAll(spec.args());
        command.add("--server.port=" + spec.port());
        command.add("--server.address=127.0.0.1");
        return new AppProcess(spec, command, layout);
    }

    public AppSpec spec() {
        return spec;
    }

    /** The program and its arguments, as started. */
    List<String> command() {
        return command;
    }

    synchronized void start() {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.run().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Map<String, String> env = builder.environment();
        env.put("DJL_OFFLINE", "true");
        env.put("DJL_CACHE_DIR", layout.djlCache().toString());
        env.putAll(spec.environment());
        try {
            Files.createDirectories(layout.run().resolve("jna"));
            Files.createDirectories(layout.logs());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name() + " with " + command.getFirst(), e);
        }
    }

    /** Waits until {@code /actuator/health} answers UP; fails with the log's tail if the process dies first. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + "; last lines of " + log() + ":\n" + tail(30));
            }
            if (healthy()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(spec.name() + " did not report healthy within " + timeout.toSeconds()
                + " s; see " + log() + ":\n" + tail(30));
    }

    boolean healthy() {
        return healthy(spec.port());
    }

    /** Whether the app listening on {@code port} answers UP on {@code /actuator/health}. */
    public static boolean healthy(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The exit value of a process that ended by itself; empty while it runs or when none was started. */
    public synchronized OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * SIGTERM, a grace period for Spring's graceful shutdown, then SIGKILL.
     *
     * @return the exit value, empty when no process was started
     */
    synchronized OptionalInt stop(Duration grace) {
        if (process == null) {
            return OptionalInt.empty();
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return forget();
    }

    synchronized OptionalInt stop() {
        return stop(STOP_GRACE);
    }

    /** The laptop vanishing: no goodbye, no graceful shutdown. */
    synchronized OptionalInt kill() {
        if (process == null) {
            return OptionalInt.empty();
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return forget();
    }

    private OptionalInt forget() {
        OptionalInt code = process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
        process = null;
        return code;
    }

    Path log() {
        return layout.logs().resolve(spec.name() + ".log");
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
