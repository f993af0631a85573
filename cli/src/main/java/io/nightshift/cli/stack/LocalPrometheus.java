package io.nightshift.cli.stack;

import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.infra.local.servers.ScratchFolders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The distribution's Prometheus ({@code prometheus} on the PATH, e.g. Debian's package) watching a
 * local stack with the deployed scrape jobs and alert rules (see {@link PrometheusConfig}). Its
 * configuration, token and data live in {@code .nightshift/prometheus/}, wiped at each start.
 * Without the program there is simply no Prometheus: nothing is downloaded.
 */
public final class LocalPrometheus implements AutoCloseable {

    /** Prometheus's own default port, used when it is free, so the owner's bookmarks keep working. */
    static final int PREFERRED_PORT = 9090;
    static final String TOKEN_FILE = "nightshift-metrics-token";
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final int port;

    private LocalPrometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The {@code prometheus} program on the PATH, if there is one. */
    public static Optional<Path> installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Prometheus against the stack's online API and streams processor and waits until it is
     * ready. The API is scraped with {@code metricsToken} (its admin or read token).
     */
    public static LocalPrometheus start(Path binary, StackLayout layout, int apiPort, int streamsPort, String metricsToken, Duration interval) {
        Path dir = layout.prometheus();
        Path deployed = layout.home().resolve("infra").resolve("deploy").resolve("prometheus");
        try {
            ScratchFolders.delete(dir);
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("prometheus.yml"), PrometheusConfig.forLocalStack(
                    Files.readString(deployed.resolve("prometheus.yml")), apiPort, streamsPort, interval));
            Files.copy(deployed.resolve("alerts.yml"), dir.resolve("alerts.yml"));
            Path token = dir.resolve(TOKEN_FILE);
            Files.writeString(token, metricsToken);
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
            Files.createDirectories(layout.logs());
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Prometheus's folder " + dir + " from " + deployed, e);
        }
        int port = portFree(PREFERRED_PORT) ? PREFERRED_PORT : FreePorts.next();
        List<String> command = List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=2d",
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logs().resolve("prometheus.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        LocalPrometheus prometheus = new LocalPrometheus(process, port);
        try {
            prometheus.awaitReady(layout.logs().resolve("prometheus.log"));
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + " at start; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Prometheus", e);
            }
            sleep();
        }
        throw new IllegalStateException("Prometheus was not ready within " + READY_WITHIN.toSeconds() + " s; see " + log);
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
