package io.nightshift.laptop.models;

import java.util.Locale;

/**
 * The peak memory a family needs to train and score one model, worked out from the arrays its
 * code allocates before it allocates them: heap bytes (Java arrays) and native bytes (DJL tensors,
 * and the direct buffers DJL copies Java arrays through on their way to a tensor).
 */
public record MemoryEstimate(long heapBytes, long nativeBytes) {

    public static final long FLOAT = Float.BYTES;

    public MemoryEstimate {
        if (heapBytes < 0 || nativeBytes < 0) {
            throw new IllegalArgumentException("memory estimates are not negative: " + heapBytes + " heap, " + nativeBytes + " native");
        }
    }

    public MemoryEstimate plus(MemoryEstimate other) {
        return new MemoryEstimate(heapBytes + other.heapBytes, nativeBytes + other.nativeBytes);
    }

    /** The larger of the two in each kind of memory (phases that do not overlap). */
    public MemoryEstimate max(MemoryEstimate other) {
        return new MemoryEstimate(Math.max(heapBytes, other.heapBytes), Math.max(nativeBytes, other.nativeBytes));
    }

    /** Bytes of {@code count} cells of {@code n x n} floats, without overflow. */
    static long squares(int n, double count) {
        return (long) (count * FLOAT * n * n);
    }

    @Override
    public String toString() {
        return "~" + size(heapBytes) + " heap, ~" + size(nativeBytes) + " native";
    }

    /** A size the way the lineage and the logs show it, e.g. {@code 1.6 GB}, {@code 350 MB}. */
    public static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%d MB", Math.round(bytes / (double) (1L << 20)));
        }
        return String.format(Locale.ROOT, "%d KB", Math.max(0, Math.round(bytes / 1024.0)));
    }
}
