package io.nightshift.cli.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * util-linux's {@code taskset}: which cores a process (all its threads) may run on. The bench only
 * needs it for its cloud-box-alone runs; a machine without it skips those runs, so it is looked up
 * on the PATH rather than required.
 */
final class Taskset {

    private final Path binary;

    Taskset(Path binary) {
        this.binary = binary;
    }

    /** The {@code taskset} on the PATH, if any. */
    static Optional<Taskset> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "taskset");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new Taskset(candidate));
            }
        }
        return Optional.empty();
    }

    /** The cores {@code pid}'s main thread may run on, as taskset prints them ("0,1" or "0-3"). */
    String affinity(long pid) throws IOException {
        String out = run(binary.toString(), "-c", "-p", Long.toString(pid));
        int colon = out.lastIndexOf(':');
        if (colon < 0) {
            throw new IOException("taskset printed no affinity list for pid " + pid + ": " + out.strip());
        }
        return out.substring(colon + 1).strip();
    }

    /** Moves every thread {@code pid} has now onto {@code cores} (threads it starts later inherit from their parent thread). */
    void pin(long pid, String cores) throws IOException {
        run(binary.toString(), "-a", "-c", "-p", cores, Long.toString(pid));
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 10 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running taskset", e);
        }
    }

    /** The cores this process may run on, from {@code /proc/self/status}; empty where there is no such file (not Linux). */
    static List<Integer> allowedCores() {
        Path status = Path.of("/proc/self/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseList(line.substring(line.indexOf(':') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // No procfs: the caller skips the pinned runs and says why.
        }
        return List.of();
    }

    /** "0-2,5" → [0, 1, 2, 5]. */
    static List<Integer> parseList(String list) {
        TreeSet<Integer> cores = new TreeSet<>();
        for (String part : list.strip().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            int from = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).strip());
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).strip());
            for (int core = from; core <= to; core++) {
                cores.add(core);
            }
        }
        return List.copyOf(cores);
    }

    /** [0, 1, 2, 5] → "0,1,2,5": taskset's -c form. */
    static String format(List<Integer> cores) {
        List<String> parts = new ArrayList<>();
        cores.forEach(core -> parts.add(Integer.toString(core)));
        return String.join(",", parts);
    }
}
