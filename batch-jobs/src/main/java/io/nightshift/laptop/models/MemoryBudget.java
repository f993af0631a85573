package io.nightshift.laptop.models;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The memory a model may take, measured when a decision is made: the heap the process has free
 * ({@code Runtime.maxMemory()} minus what is in use after a collection) and the native memory the
 * machine has available, each less a safety margin and within an optional configured limit.
 *
 * @param heapBytes   heap a model may take
 * @param nativeBytes native memory a model may take
 */
public record MemoryBudget(long heapBytes, long nativeBytes) {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    /** No limit: for callers (tests, benchmarks) that size their data themselves. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * What this process has now.
     *
     * @param heapLimit   the most heap a model may take whatever is free (0: no limit)
     * @param nativeLimit the most native memory a model may take (0: what the machine has available)
     * @param margin      share of the free memory kept back for everything else (the run's data, the
     *                    other steps, the estimates' error)
     */
    public static MemoryBudget ofThisProcess(long heapLimit, long nativeLimit, double margin) {
        Runtime runtime = Runtime.getRuntime();
        // Garbage would otherwise count as used: the dense models' matrices are hundreds of MB each.
        System.gc();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long heap = (long) ((runtime.maxMemory() - used) * (1 - margin));
        long nativeFree = (long) (availableNative() * (1 - margin));
        return new MemoryBudget(Math.max(0, heapLimit > 0 ? Math.min(heapLimit, heap) : heap),
                Math.max(0, nativeLimit > 0 ? Math.min(nativeLimit, nativeFree) : nativeFree));
    }

    /** Why the estimate does not fit, e.g. "needs ~1.6 GB heap, 0.7 GB free"; empty when it fits. */
    public Optional<String> shortfall(MemoryEstimate estimate) {
        if (estimate.heapBytes() > heapBytes) {
            return Optional.of("needs ~" + MemoryEstimate.size(estimate.heapBytes()) + " heap, " + MemoryEstimate.size(heapBytes) + " free");
        }
        if (estimate.nativeBytes() > nativeBytes) {
            return Optional.of("needs ~" + MemoryEstimate.size(estimate.nativeBytes()) + " native memory, "
                    + MemoryEstimate.size(nativeBytes) + " free");
        }
        return Optional.empty();
    }

    public boolean fits(MemoryEstimate estimate) {
        return shortfall(estimate).isEmpty();
    }

    /** Linux's MemAvailable (free plus reclaimable cache); elsewhere the JVM's view of free physical memory. */
    private static long availableNative() {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unreadable /proc: the JVM's figure below.
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return MemoryEstimate.size(heapBytes) + " heap, " + MemoryEstimate.size(nativeBytes) + " native";
    }
}
