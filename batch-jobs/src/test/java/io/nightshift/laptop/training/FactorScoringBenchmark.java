package io.nightshift.laptop.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.nightshift.laptop.models.Embeddings;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement, not a test: scoreCatalog's factor path on a synthetic catalog of 1 M products
 * (k = 64), the way the step does it: the table written to a file and mapped back, then chunks of
 * 200 products scored against all products in column blocks of 100 k. Only a sample of chunks is
 * scored (the shared 2-core machine); the whole catalog is extrapolated. Opt-in:
 * {@code ./mvnw -pl batch-jobs verify -Dtest=FactorScoringBenchmark -Dnightshift.bench=true
 * [-Dnightshift.bench.items=1000000] [-Dnightshift.bench.chunks=20]} (surefire runs it with -Xmx2g).
 */
@EnabledIfSystemProperty(named = "nightshift.bench", matches = "true")
class FactorScoringBenchmark {

    private static final int K = 64;
    private static final int CHUNK = 200;
    private static final int COLUMN_BLOCK = 100_000;
    private static final int LIST = 50;

    @Test
    void scoreOneMillionProducts(@TempDir Path dir) throws Exception {
        int n = Integer.getInteger("nightshift.bench.items", 1_000_000);
        int chunks = Integer.getInteger("nightshift.bench.chunks", 20);
        long start = System.nanoTime();
        Path file = dir.resolve("bench.embeddings");
        Engine.getInstance().setRandomSeed(42);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray table = manager.randomNormal(0, 1, new Shape(n, K), DataType.FLOAT32);
            table = table.div(table.norm(new int[]{1}, true));
            new Embeddings(manager.newSubManager(), table, COLUMN_BLOCK).write(file);
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        // Peaks from here on are the scoring step's: product ids, the mapped table, the blocks (not making the synthetic table).
        resetPeaks();
        List<String> products = new ArrayList<>(n);
        boolean[] available = new boolean[n];
        for (int i = 0; i < n; i++) {
            products.add(String.format(Locale.ROOT, "p%07d", i));
            available[i] = i % 10 != 0;
        }
        long load = System.nanoTime();
        try (EmbeddedCatalog catalog = new EmbeddedCatalog(products, available, Embeddings.read(file, COLUMN_BLOCK))) {
            double loadSeconds = (System.nanoTime() - load) / 1e9;
            // Chunks spread over the catalog, as the reader would reach them.
            long scoring = System.nanoTime();
            long lists = 0;
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) c * (n - CHUNK) / Math.max(1, chunks - 1));
                Map<String, List<ScoredItem>> chunk = catalog.neighbours(products.subList(from, from + CHUNK), LIST);
                lists += chunk.size();
                chunk.forEach((product, list) -> assertThat(list).hasSize(LIST).extracting(ScoredItem::productId).doesNotContain(product));
            }
            double seconds = (System.nanoTime() - scoring) / 1e9;
            double perChunk = seconds / chunks;
            System.err.printf(Locale.ROOT, "%nFACTOR SCORING %d products x %d factors (%d MB table, file %d MB), chunk %d, column block %d%n",
                    n, K, (long) n * K * 4 >> 20, Files.size(file) >> 20, CHUNK, COLUMN_BLOCK);
            System.err.printf(Locale.ROOT, "  write table %.1f s, map it back %.2f s%n", writeSeconds, loadSeconds);
            System.err.printf(Locale.ROOT, "  %d chunks (%d lists) in %.1f s: %.2f s per chunk, %.1f ms per product, %.1f GFLOP/s (load average %s)%n",
                    chunks, lists, seconds, perChunk, 1000 * perChunk / CHUNK, 2.0 * CHUNK * n * K / perChunk / 1e9, loadAverage());
            System.err.printf(Locale.ROOT, "  whole catalog (%d chunks) extrapolated: %.0f min%n", (n + CHUNK - 1) / CHUNK,
                    perChunk * Math.ceil(n / (double) CHUNK) / 60);
            System.err.printf(Locale.ROOT, "  peak heap %d MB (max %d MB), peak RSS %s%n", peakHeap() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, peakRss());
            assertThat(lists).isEqualTo((long) chunks * CHUNK);
        }
    }

    /** Training throughput: one BPR epoch over synthetic histories of 1 M products (skewed popularity, clustered). */
    @Test
    void trainOnOneMillionProducts() throws Exception {
        int n = Integer.getInteger("nightshift.bench.items", 1_000_000);
        int shoppers = Integer.getInteger("nightshift.bench.shoppers", 500_000);
        java.util.Random random = new java.util.Random(5);
        int[][] histories = new int[shoppers][];
        for (int u = 0; u < shoppers; u++) {
            int base = random.nextInt(n);
            histories[u] = new int[10];
            for (int t = 0; t < 10; t++) {
                histories[u][t] = Math.floorMod(base + (int) (random.nextGaussian() * 50), n);
            }
        }
        resetPeaks();
        long start = System.nanoTime();
        io.nightshift.laptop.models.BprFactors family = new io.nightshift.laptop.models.BprFactors(42,
                new io.nightshift.laptop.models.BprFactors.Parameters(K, 1, 0.05, 0.0001, 3), java.time.Duration.ofHours(1), COLUMN_BLOCK,
                line -> System.err.println("  " + line));
        try (Embeddings embeddings = family.train(n, histories, family.grid(n, histories).getFirst())) {
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(Locale.ROOT, "%nFACTOR TRAINING %d products x %d factors, %d shoppers x 10 interactions: one epoch in %.1f s "
                            + "(%.0f k interactions/s, load average %s); peak heap %d MB, peak RSS %s%n", n, K, shoppers, seconds,
                    shoppers * 10 / seconds / 1000, loadAverage(), peakHeap() >> 20, peakRss());
            assertThat(embeddings.itemCount()).isEqualTo(n);
        }
    }

    private static void resetPeaks() throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        Path clearRefs = Path.of("/proc/self/clear_refs");
        if (Files.isWritable(clearRefs)) {
            Files.writeString(clearRefs, "5"); // resets VmHWM to the current RSS
        }
    }

    private static String loadAverage() throws Exception {
        Path file = Path.of("/proc/loadavg");
        return Files.exists(file) ? Files.readString(file).split(" ")[0] + " on " + Runtime.getRuntime().availableProcessors() + " cores" : "n/a";
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** The process's high-water resident set (heap, native tensors, mapped pages), from /proc. */
    private static String peakRss() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM")).findFirst()
                .map(line -> line.replaceAll("\\s+", " ").substring("VmHWM: ".length())).orElse("n/a");
    }
}
