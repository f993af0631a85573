package io.nightshift.cli.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a production cloud server on this one machine: the online API and Redis pinned to
 * one core, and everything else the stack runs (this CLI with its Kafka broker and load generator,
 * the streams processor, the laptop, PostgreSQL) pinned to the others, with {@code taskset}. Closing
 * gives every process back the cores it had. Other users of the machine are not moved: the load
 * average printed with each run says how much they took.
 */
public final class CloudBoxPinning implements AutoCloseable {

    private final Taskset taskset;
    private final List<Integer> measured;
    private final List<Integer> others;
    /** Every process moved, with the cores it had before, in the order moved. */
    private final Map<Long, String> before = new LinkedHashMap<>();
    private String description = "";

    private CloudBoxPinning(Taskset taskset, List<Integer> measured, List<Integer> others) {
        this.taskset = taskset;
        this.measured = measured;
        this.others = others;
    }

    /**
     * Either the pinned processes or why the runs are skipped.
     *
     * @param pinning the pinning, to close after the runs; empty when skipped
     * @param skipped why nothing was pinned; null when pinned
     */
    public record Attempt(Optional<CloudBoxPinning> pinning, String skipped) {
    }

    /**
     * The split of the cores this process may use: the highest one for the API and Redis, the rest
     * for everything else; empty with fewer than two (nothing to keep apart).
     */
    static Optional<List<List<Integer>>> split(List<Integer> allowed) {
        if (allowed.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(List.of(List.of(allowed.getLast()), List.copyOf(allowed.subList(0, allowed.size() - 1))));
    }

    /**
     * Pins the API (all its threads) and the Redis server listening on {@code redisPort} to one
     * core, and this process, its other descendants and the servers listening on {@code otherPorts}
     * (with their children) to the rest. Never throws for a machine that cannot: the attempt says why.
     */
    public static Attempt tryPin(long apiPid, int redisPort, List<Integer> otherPorts) {
        Optional<Taskset> found = Taskset.onPath();
        if (found.isEmpty()) {
            return skipped("taskset (util-linux) is not on the PATH");
        }
        return tryPin(found.get(), Taskset.allowedCores(), apiPid, redisPort, otherPorts);
    }

    static Attempt tryPin(Taskset taskset, List<Integer> allowed, long apiPid, int redisPort, List<Integer> otherPorts) {
        Optional<List<List<Integer>>> split = split(allowed);
        if (split.isEmpty()) {
            return skipped(allowed.isEmpty() ? "this system does not say which cores the bench may use (no /proc/self/status)"
                    : "the bench may use only core " + Taskset.format(allowed) + ": there is no second core to keep everything else on");
        }
        Set<Long> redis = ListeningProcesses.on(redisPort);
        if (redis.isEmpty()) {
            return skipped("no process found listening on Redis' port " + redisPort);
        }
        if (ProcessHandle.of(apiPid).isEmpty()) {
            return skipped("the online API (pid " + apiPid + ") is not running");
        }
        Set<Long> onMeasured = new LinkedHashSet<>();
        onMeasured.add(apiPid);
        onMeasured.addAll(redis);
        Set<Long> elsewhere = new LinkedHashSet<>();
        elsewhere.add(ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(p -> elsewhere.add(p.pid()));
        for (int port : otherPorts) {
            for (long pid : ListeningProcesses.on(port)) {
                elsewhere.add(pid);
                ProcessHandle.of(pid).ifPresent(server -> server.descendants().forEach(child -> elsewhere.add(child.pid())));
            }
        }
        elsewhere.removeAll(onMeasured);
        CloudBoxPinning pinning = new CloudBoxPinning(taskset, split.get().get(0), split.get().get(1));
        try {
            // Twice: a thread started between taskset's listing of the threads and its move of its
            // parent would keep the old cores; the second pass catches it.
            for (int pass = 0; pass < 2; pass++) {
                pinning.move(onMeasured, pinning.measured);
                pinning.move(elsewhere, pinning.others);
            }
        } catch (IOException e) {
            List<String> problems = pinning.restore();
            return skipped("taskset could not pin the processes (" + e.getMessage() + ")"
                    + (problems.isEmpty() ? "; the cores were given back" : "; giving the cores back: " + String.join("; ", problems)));
        }
        pinning.description = "the online API (pid " + apiPid + ", " + threadsOn(apiPid, pinning.measured) + ") and Redis (pid "
                + join(redis) + ") on core " + Taskset.format(pinning.measured) + "; this CLI (its Kafka broker and the load generator,"
                + " the Redis baseline's clients too), the streams processor, the laptop and PostgreSQL (" + elsewhere.size()
                + " processes in all) on core" + (pinning.others.size() == 1 ? " " : "s ") + Taskset.format(pinning.others);
        return new Attempt(Optional.of(pinning), null);
    }

    private static Attempt skipped(String why) {
        return new Attempt(Optional.empty(), why);
    }

    private void move(Set<Long> pids, List<Integer> cores) throws IOException {
        for (long pid : pids) {
            if (ProcessHandle.of(pid).isEmpty()) {
                continue; // a PostgreSQL backend that ended meanwhile
            }
            if (!before.containsKey(pid)) {
                before.put(pid, taskset.affinity(pid));
            }
            try {
                taskset.pin(pid, Taskset.format(cores));
            } catch (IOException e) {
                if (ProcessHandle.of(pid).isPresent()) {
                    throw e;
                }
            }
        }
    }

    /** "API + Redis on core 1": for the rows' labels. */
    public String label() {
        return "cloud box alone (API + Redis on core " + Taskset.format(measured) + ")";
    }

    /** Which process went where, with how many of the API's threads are on its core: for the report. */
    public String description() {
        return description;
    }

    /** Gives every moved process the cores it had before; returns what could not be given back (processes gone are not a problem). */
    public List<String> restore() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Long, String> moved : before.entrySet()) {
            if (ProcessHandle.of(moved.getKey()).isEmpty()) {
                continue;
            }
            try {
                taskset.pin(moved.getKey(), moved.getValue());
            } catch (IOException e) {
                if (ProcessHandle.of(moved.getKey()).isPresent()) {
                    problems.add("pid " + moved.getKey() + ": " + e.getMessage());
                }
            }
        }
        before.clear();
        return problems;
    }

    @Override
    public void close() {
        List<String> problems = restore();
        if (!problems.isEmpty()) {
            System.err.println("warning: could not give every process its cores back: " + String.join("; ", problems));
        }
    }

    /** "57 of 57 threads on it": checks that taskset reached every thread of the process. */
    static String threadsOn(long pid, List<Integer> cores) {
        int all = 0;
        int on = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                all++;
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("Cpus_allowed_list:") && Taskset.parseList(line.substring(line.indexOf(':') + 1)).equals(cores)) {
                            on++;
                        }
                    }
                } catch (IOException e) {
                    all--; // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return "threads unknown";
        }
        return on + " of " + all + " threads on it";
    }

    private static String join(Set<Long> pids) {
        List<String> parts = new ArrayList<>();
        pids.forEach(pid -> parts.add(Long.toString(pid)));
        return String.join(", ", parts);
    }
}
