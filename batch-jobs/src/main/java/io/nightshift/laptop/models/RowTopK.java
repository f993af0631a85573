package io.nightshift.laptop.models;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The {@code size} best columns of each of a block of score rows, kept while the columns stream by a
 * block at a time. A score below its row's floor (the {@code size}-th best seen so far) costs one
 * comparison; one that reaches it is appended to the row's buffer, and a full buffer is cut back to
 * its best {@code size} by a selection, which raises the floor. Ties go to the lower column, and only
 * finite scores of allowed, non-excluded columns are kept.
 *
 * <p>Why not the engine's top-K: on a CPU, PyTorch's {@code topk} of a few dozen out of thousands of
 * columns cost about as much as the matrix product that made the scores (it partially sorts every
 * row), while almost every score here falls below the row's floor after the first few hundred
 * columns. Why a buffer rather than a heap: a heap pays a sift of mispredicted branches for every
 * score that reaches the floor; the buffer pays a store, and a selection once per {@code 3 x size}
 * of them.
 *
 * <p>A kept score travels as one {@code long}: the score's bits made to order as the float does
 * ({@link Float#compare}) in the high half, {@code Integer.MAX_VALUE - column} in the low half, so a
 * larger key is a better score, or the same score on a lower column.
 */
public final class RowTopK {

    /** The buffer holds this many lists' worth before it is cut back. */
    private static final int BUFFER_LISTS = 4;
    private static final int PARALLELISM = Runtime.getRuntime().availableProcessors();
    /** Fewer rows than this per thread are not worth a thread. */
    private static final int ROWS_PER_PART = 16;
    /** Rows whose floors make the next row's guess: with 8, a row falls short of the guess about one time in nine. */
    private static final int RECENT_ROWS = 8;

    private final int rows;
    private final int size;
    private final boolean[] allowed;
    private final int[][] excluded;
    private final long[][] kept;
    private final int[] counts;
    private final float[] floors;

    /**
     * @param allowed  per column, whether it may be kept (null: all)
     * @param excluded per row, columns it must not keep (any order; copied and sorted here)
     */
    public RowTopK(int rows, int size, boolean[] allowed, int[][] excluded) {
        if (size < 1 || excluded.length != rows) {
            throw new IllegalArgumentException("need a size of at least 1 and one exclusion list per row, got size " + size
                    + " and " + excluded.length + " lists for " + rows + " rows");
        }
        this.rows = rows;
        this.size = size;
        this.allowed = allowed;
        this.excluded = new int[rows][];
        this.kept = new long[rows][];
        for (int r = 0; r < rows; r++) {
            this.excluded[r] = excluded[r].clone();
            Arrays.sort(this.excluded[r]);
            this.kept[r] = new long[BUFFER_LISTS * size];
        }
        this.counts = new int[rows];
        this.floors = new float[rows];
        Arrays.fill(floors, Float.NEGATIVE_INFINITY);
    }

    /**
     * Offers a block of scores: row-major {@code rows x width}, column {@code c} of it being column
     * {@code firstColumn + c} of the whole. The rows are shared out over the common fork-join pool's
     * threads (the matrix product before this used every core too).
     */
    public void offer(FloatBuffer scores, int width, int firstColumn) {
        int parts = Math.max(1, Math.min(PARALLELISM, rows / ROWS_PER_PART));
        IntStream.range(0, parts).parallel().forEach(part -> {
            float[] row = new float[width];
            // The last few rows' floors: their lowest is the next row's guess, which it reaches most of the time.
            float[] recent = new float[RECENT_ROWS];
            Arrays.fill(recent, Float.NEGATIVE_INFINITY);
            int from = part * rows / parts;
            for (int r = from; r < (part + 1) * rows / parts; r++) {
                // A bulk copy out of the engine's buffer is a memcpy; the scan then runs on a plain array.
                scores.get(r * width, row, 0, width);
                float guess = Float.POSITIVE_INFINITY;
                for (float floor : recent) {
                    guess = Math.min(guess, floor);
                }
                offer(r, row, width, firstColumn, guess);
                recent[(r - from) % RECENT_ROWS] = floors[r];
            }
        });
    }

    /** Offers one row's scores for columns {@code firstColumn .. firstColumn + width - 1}. */
    public void offer(int r, float[] scores, int width, int firstColumn) {
        offer(r, scores, width, firstColumn, Float.NEGATIVE_INFINITY);
    }

    /**
     * As {@link #offer(int, float[], int, int)}, starting from {@code guess} as the floor, a score the row's list
     * probably reaches (the floor a like row ended with): far fewer scores then reach the floor at the start. Wrong
     * guesses cost time, never the answer: if fewer than {@code size} kept scores reach the guess, the scores below it
     * are scanned as well.
     */
    void offer(int r, float[] scores, int width, int firstColumn, float guess) {
        float before = floors[r];
        float start = Math.max(before, guess);
        scan(r, scores, width, firstColumn, start, Float.POSITIVE_INFINITY);
        if (start > before && reaching(r, start) < size) {
            scan(r, scores, width, firstColumn, before, start);
        }
        if (counts[r] > size) {
            // Cut back now: the floor is then this row's exact size-th best so far, the next row's guess.
            selectBest(kept[r], counts[r], size);
            counts[r] = size;
            floors[r] = value(kept[r][size - 1]);
        }
    }

    /** Keeps the row's scores from {@code floor} (raised as the buffer is cut back) up to, not including, {@code ceiling}. */
    private void scan(int r, float[] scores, int width, int firstColumn, float floor, float ceiling) {
        long[] buffer = kept[r];
        int count = counts[r];
        // Below the floor nothing can enter (NaN fails the comparison too and is never kept).
        for (int c = next(scores, 0, width, floor); c < width; c = next(scores, c + 1, width, floor)) {
            float value = scores[c];
            int column = firstColumn + c;
            if (value >= ceiling || !Float.isFinite(value) || (allowed != null && !allowed[column]) || isExcluded(excluded[r], column)) {
                continue;
            }
            buffer[count++] = key(value, column);
            if (count == buffer.length) {
                selectBest(buffer, count, size);
                count = size;
                floor = value(buffer[size - 1]);
                floors[r] = floor;
            }
        }
        counts[r] = count;
    }

    private static boolean isExcluded(int[] sorted, int column) {
        // Most rows exclude one item (the query item itself): no search for that.
        return sorted.length == 1 ? sorted[0] == column : sorted.length > 1 && Arrays.binarySearch(sorted, column) >= 0;
    }

    /** How many of the row's kept scores reach {@code value}. */
    private int reaching(int r, float value) {
        long[] buffer = kept[r];
        int reaching = 0;
        for (int i = 0; i < counts[r]; i++) {
            reaching += value(buffer[i]) >= value ? 1 : 0;
        }
        return reaching;
    }

    /**
     * The first column from {@code from} whose score reaches the floor ({@code to} if none): kept apart from the
     * bookkeeping so that the loop that sees every score compiles to a few instructions (with the bookkeeping
     * inline it ran several times slower per score).
     */
    private static int next(float[] scores, int from, int to, float floor) {
        for (int c = from; c < to; c++) {
            if (scores[c] >= floor) {
                return c;
            }
        }
        return to;
    }

    /** Each row's kept columns, best first; a row that kept fewer than {@code size} ends in {@code -1} / {@code -inf}. */
    public Embeddings.Top result() {
        int[] outIndices = new int[rows * size];
        float[] outValues = new float[rows * size];
        Arrays.fill(outIndices, -1);
        Arrays.fill(outValues, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            long[] buffer = kept[r].clone();
            int count = counts[r];
            if (count > size) {
                selectBest(buffer, count, size);
                count = size;
            }
            Arrays.sort(buffer, 0, count);
            for (int rank = 0; rank < count; rank++) {
                long key = buffer[count - 1 - rank];
                outIndices[r * size + rank] = column(key);
                outValues[r * size + rank] = value(key);
            }
        }
        return new Embeddings.Top(rows, size, outIndices, outValues);
    }

    static long key(float value, int column) {
        int bits = Float.floatToRawIntBits(value);
        // Negative floats order backwards as ints: flipping all but the sign bit puts them in Float.compare's order.
        bits ^= (bits >> 31) & 0x7fffffff;
        return ((long) bits << 32) | (Integer.MAX_VALUE - column);
    }

    static float value(long key) {
        int bits = (int) (key >> 32);
        bits ^= (bits >> 31) & 0x7fffffff;
        return Float.intBitsToFloat(bits);
    }

    static int column(long key) {
        return Integer.MAX_VALUE - (int) key;
    }

    /** Rearranges {@code keys[0 .. count)} so that its {@code best} largest come first (in no order). */
    static void selectBest(long[] keys, int count, int best) {
        int nth = best - 1;
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            long pivot = median(keys[lo], keys[(lo + hi) >>> 1], keys[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (keys[i] > pivot) {
                    i++;
                }
                while (keys[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    long swap = keys[i];
                    keys[i++] = keys[j];
                    keys[j--] = swap;
                }
            }
            // keys[lo .. j] >= pivot >= keys[i .. hi]; anything between equals the pivot and is in place.
            if (nth <= j) {
                hi = j;
            } else if (nth >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
