package io.nightshift.laptop.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.nightshift.laptop.models.Embeddings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Whole-catalog scoring as the nightly job does it for the factor families (a block of products'
 * embedding rows against the whole catalog, column block by column block, each block's scores read in place by a streaming top-K,
 * {@link Embeddings#neighbours}), next to the plain DJL matrix product of the same shapes in the
 * same JVM: the ratio says how much of the machine's matrix-multiply rate the scoring keeps.
 *
 * <p>Run by {@code ./nightshift bench} as its own process, one catalog size per process, so the
 * peak resident memory it reports belongs to that size alone. Prints one {@value #PREFIX} line.
 */
public final class ScoringBench {

    /** The line the CLI parses: {@code scoring-result key=value ...}. */
    public static final String PREFIX = "scoring-result";
    public static final int DIMENSIONS = 64;
    public static final int TOP = 50;
    /** Query rows per {@link Embeddings#neighbours} call, as the nightly job's product lists take them. */
    static final int QUERY_BLOCK = 256;
    /** The laptop's default {@code nightshift.laptop.factors.column-block}. */
    static final int COLUMN_BLOCK = 100_000;
    /** Scores per block of the plain product: it never holds more than 64 MB of them either. */
    private static final int PLAIN_BLOCK_SCORES = 16_000_000;

    /**
     * @param products        catalog size (rows of the table)
     * @param queryRows       products whose lists were computed (the whole catalog, or a slice of it)
     * @param scoringPerSecond scores per second (query rows × products / s) of the nightly job's path
     * @param plainPerSecond  the same for the plain matrix product
     * @param residentBefore  the process's resident memory right before the timed scoring (JVM, the table on the heap and
     *                        natively), -1 if unknown
     * @param scoringGrowth   how far the resident memory rose above that during the timed scoring (peak minus before): the
     *                        scoring's own working memory, which should not grow with the catalog; -1 if unknown
     * @param tableBytes      the embedding table's own size, which any method must hold
     * @param heapUsed        heap in use right after the scoring phase
     */
    public record Result(int products, int queryRows, double scoringPerSecond, double plainPerSecond,
                         long residentBefore, long scoringGrowth, long tableBytes, long heapUsed) {

        public String line() {
            return String.format(Locale.ROOT, "%s products=%d rows=%d scoring=%.1f plain=%.1f rssBefore=%d rssGrowth=%d table=%d heap=%d",
                    PREFIX, products, queryRows, scoringPerSecond, plainPerSecond, residentBefore, scoringGrowth, tableBytes, heapUsed);
        }
    }

    private ScoringBench() {
    }

    /** {@code ScoringBench PRODUCTS QUERY_ROWS}: query rows above the catalog size mean the whole catalog. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ScoringBench PRODUCTS QUERY_ROWS");
            System.exit(2);
        }
        System.out.println(measure(Integer.parseInt(args[0]), Integer.parseInt(args[1])).line());
    }

    public static Result measure(int products, int queryRows) {
        if (products < TOP + 1 || queryRows < 1) {
            throw new IllegalArgumentException("need more than " + TOP + " products and at least one query row");
        }
        int rows = Math.min(products, queryRows);
        float[] table = unitRows(products);
        long tableBytes = (long) products * DIMENSIONS * Float.BYTES;

        // Warm both paths on a small slice first: the first call loads the engine and plans the kernels.
        int warm = Math.min(rows, QUERY_BLOCK);
        long scoringNanos;
        long heapUsed;
        long before;
        long peak;
        try (Embeddings embeddings = Embeddings.of(table, products, DIMENSIONS, COLUMN_BLOCK)) {
            boolean[] allowed = new boolean[products];
            Arrays.fill(allowed, true);
            score(embeddings, warm, allowed);
            boolean reset = resetPeakRss();
            before = memory("VmRSS:");
            long start = System.nanoTime();
            score(embeddings, rows, allowed);
            scoringNanos = System.nanoTime() - start;
            peak = reset ? memory("VmHWM:") : -1;
            heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        long plainNanos;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray all = manager.create(table, new Shape(products, DIMENSIONS));
            NDArray transposed = all.transpose();
            plain(manager, all, transposed, warm, products);
            long start = System.nanoTime();
            plain(manager, all, transposed, rows, products);
            plainNanos = System.nanoTime() - start;
        }
        double scores = (double) rows * products;
        return new Result(products, rows, scores / (Math.max(1, scoringNanos) / 1e9), scores / (Math.max(1, plainNanos) / 1e9),
                before, before < 0 || peak < 0 ? -1 : Math.max(0, peak - before), tableBytes, heapUsed);
    }

    /** The nightly job's loop: blocks of products, each block's top lists against the whole catalog. */
    private static void score(Embeddings embeddings, int rows, boolean[] allowed) {
        for (int from = 0; from < rows; from += QUERY_BLOCK) {
            int[] block = new int[Math.min(rows, from + QUERY_BLOCK) - from];
            for (int i = 0; i < block.length; i++) {
                block[i] = from + i;
            }
            Embeddings.Top top = embeddings.neighbours(block, TOP, allowed);
            if (top.index(0, 0) < 0) {
                throw new IllegalStateException("scoring returned an empty list");
            }
        }
    }

    /** Query rows times the table's transpose, in blocks of at most 64 MB of scores, nothing else. */
    private static void plain(NDManager manager, NDArray all, NDArray transposed, int rows, int products) {
        int block = Math.max(1, Math.min(QUERY_BLOCK, PLAIN_BLOCK_SCORES / products));
        for (int from = 0; from < rows; from += block) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray queries = all.get(from + ":" + Math.min(rows, from + block));
                queries.attach(scope);
                NDArray scores = queries.matMul(transposed);
                scores.getFloat(0, 0); // the answer exists: the engine has finished
            }
        }
    }

    private static float[] unitRows(int products) {
        Random random = new Random(products);
        float[] rows = new float[products * DIMENSIONS];
        for (int i = 0; i < products; i++) {
            double norm = 0;
            for (int c = 0; c < DIMENSIONS; c++) {
                float value = (float) random.nextGaussian();
                rows[i * DIMENSIONS + c] = value;
                norm += value * value;
            }
            float inverse = (float) (1 / Math.sqrt(norm));
            for (int c = 0; c < DIMENSIONS; c++) {
                rows[i * DIMENSIONS + c] *= inverse;
            }
        }
        return rows;
    }

    /** Linux resets the process's peak resident set (VmHWM) on "5" to clear_refs; elsewhere the peak stays the JVM's. */
    private static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or not allowed: no growth is reported rather than a wrong one
        }
    }

    /** A line of /proc/self/status in bytes (VmRSS: now, VmHWM: peak since the reset), -1 elsewhere. */
    private static long memory(String field) {
        try {
            List<String> status = new ArrayList<>(Files.readAllLines(Path.of("/proc/self/status")));
            for (String line : status) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
