package io.nightshift.cli.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a fixed number of operations from a fixed number of concurrent callers (virtual
 * threads, each doing one operation at a time: a closed loop, as shoppers' browsers are) and
 * records each operation's latency.
 */
final class LoadRunner {

    /** One operation; returns whether it succeeded. Called from many threads at once. */
    @FunctionalInterface
    interface Operation {
        boolean run(int index) throws Exception;
    }

    private LoadRunner() {
    }

    /** No time limit of its own; the 30-minute guard below still applies. */
    static final Duration NO_LIMIT = Duration.ofMinutes(30);

    static LatencySample run(int operations, int concurrency, Operation operation) {
        return run(operations, concurrency, NO_LIMIT, operation);
    }

    /**
     * As many of {@code operations} as start within {@code within}: after it, callers finish the
     * operation in hand and stop, so a slow machine shortens the run instead of stretching it.
     */
    static LatencySample run(int operations, int concurrency, Duration within, Operation operation) {
        long deadline = System.nanoTime() + within.toNanos();
        long[] latencies = new long[operations];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                callers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
                        long before = System.nanoTime();
                        if (before - deadline > 0) {
                            break;
                        }
                        boolean ok;
                        try {
                            ok = operation.run(i);
                        } catch (Exception e) {
                            ok = false;
                        }
                        long took = System.nanoTime() - before;
                        if (ok) {
                            latencies[recorded.getAndIncrement()] = took;
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
            callers.shutdown();
            if (!callers.awaitTermination(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the load did not finish within 30 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long[] measured = java.util.Arrays.copyOf(latencies, recorded.get());
        return new LatencySample(measured, Duration.ofNanos(System.nanoTime() - start), failures.get());
    }
}
