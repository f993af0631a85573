package io.nightshift.infra.local.stack;

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

/**
 * An application running as its own JVM, as in production: cloud and laptop never share a
 * process. Its output goes to {@code .nightshift/logs/<name>.log}.
 */
public final class AppProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final AppSpec spec;
    private final Path jar;
    private final StackLayout layout;
    private Process process;

    AppProcess(AppSpec spec, Path jar, StackLayout layout) {
        this.spec = spec;
        this.jar = jar;
        this.layout = layout;
    }

    public AppSpec spec() {
        return spec;
    }

    synchronized void start() {
        List<String> command = new ArrayList<>(List.of(javaBinary(),
                "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED",
                "-Djna.tmpdir=" + layout.run().resolve("jna"),
                "-jar", jar.toString()));
        command.addAll(spec.args());
        command.add("--server.port=" + spec.port());
        command.add("--server.address=127.0.0.1");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.run().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Map<String, String> env = builder.environment();
        env.put("DJL_OFFLINE", "true");
        env.put("DJL_CACHE_DIR", layout.djlCache().toString());
        try {
            Files.createDirectories(layout.run().resolve("jna"));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name() + " from " + jar, e);
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
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.port() + "/actuator/health"))
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

    /** SIGTERM, a grace period for Spring's graceful shutdown, then SIGKILL. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The laptop vanishing: no goodbye, no graceful shutdown. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
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
