package io.nightshift.laptop;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples this JVM's memory while a job runs: the highest heap in use, the highest left after a
 * collection (the live set), the heap pools' own peaks, and the process's peak resident memory.
 */
final class HeapWatch implements AutoCloseable {

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterCollection = new AtomicLong();
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatch() {
        sampler = Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
            while (running) {
                sample();
                try {
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static HeapWatch start() {
        return new HeapWatch();
    }

    private void sample() {
        peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        long afterCollection = 0;
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getCollectionUsage() != null) {
                afterCollection += pool.getCollectionUsage().getUsed();
            }
        }
        peakAfterCollection.accumulateAndGet(afterCollection, Math::max);
    }

    /** The highest heap in use seen by sampling every 50 ms (garbage not yet collected included). */
    long peakUsed() {
        sample();
        return peakUsed.get();
    }

    /** The highest heap left after a collection: what the job really held. */
    long peakAfterCollection() {
        sample();
        return peakAfterCollection.get();
    }

    /** The sum of the heap pools' peaks since the JVM started (the JVM's own bookkeeping, no sampling gap). */
    long poolPeaks() {
        return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** The process's peak resident set (VmHWM), where /proc says it (Linux). */
    static OptionalLong peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not readable: the figure is simply not reported.
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
