package io.nightshift.laptop.models;

import io.nightshift.laptop.evaluation.Evaluator;
import io.nightshift.laptop.evaluation.ModelSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A measurement, not a test: training time and peak heap of the sparse item-item models on
 * synthetic catalogs ({@link SyntheticCatalog}, 16 interactions per product), and the dense models
 * next to them where they still fit, plus the time to score 2,000 shoppers' histories, and the wall
 * time of a selection among them and popularity. Opt-in:
 * {@code ./mvnw -B -o -pl batch-jobs -am verify -DskipITs -Dtest=SparseKnnBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dnightshift.bench=true [-Dnightshift.bench.sizes=20000,50000,100000] [-Dnightshift.bench.dense=20000]
 * [-Dnightshift.bench.per-product=16]}
 * (surefire runs it with -Xmx2g). Peak heap is the heap pools' peak during the training, the
 * catalog itself included; the dense matrix lives in native memory, so its heap peak is the
 * float array it is built from.
 */
@EnabledIfSystemProperty(named = "nightshift.bench", matches = "true")
class SparseKnnBenchmark {

    private static final int SCORED = 2_000;

    @Test
    void trainAndScore() {
        int[] sizes = Arrays.stream(System.getProperty("nightshift.bench.sizes", "20000,50000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int denseUpTo = Integer.getInteger("nightshift.bench.dense", 20_000);
        List<String> rows = new ArrayList<>();
        List<String> selections = new ArrayList<>();
        rows.add("| products | interactions | model | train (s) | peak heap (MB) | kept entries | score 2,000 histories (s) |");
        rows.add("|---|---|---|---|---|---|---|");
        ItemKnn.Parameters knn = new ItemKnn.Parameters(10, 100);
        SequentialKnn.Parameters seq = new SequentialKnn.Parameters(0.5f, 10, 0.7f);
        for (int n : sizes) {
            long start = System.nanoTime();
            SyntheticCatalog catalog = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(n).withInteractionsPerProduct(
                    Double.parseDouble(System.getProperty("nightshift.bench.per-product", "16"))), 42);
            int[][] train = catalog.data().sequences();
            System.out.printf(Locale.ROOT, "generated %d products, %d interactions in %.1f s%n", n,
                    catalog.data().interactionCount(), (System.nanoTime() - start) / 1e9);
            List<int[]> histories = new ArrayList<>();
            for (int u = 0; u < Math.min(SCORED, train.length); u++) {
                histories.add(Evaluator.distinctMostRecentLast(train[u]));
            }
            String prefix = String.format(Locale.ROOT, "| %,d | %,d ", n, catalog.data().interactionCount());
            rows.add(prefix + measure("itemknn sparse", () -> ItemKnn.sparse(n, train, knn), histories));
            rows.add(prefix + measure("seqknn sparse", () -> SequentialKnn.sparse(n, train, seq, SequentialKnn.SPARSE_NEIGHBOURS),
                    histories));
            if (n <= denseUpTo) {
                rows.add(prefix + measure("itemknn dense", () -> ItemKnn.dense(n, train, knn), histories));
                rows.add(prefix + measure("seqknn dense", () -> SequentialKnn.dense(n, train, seq), histories));
            }
            rows.forEach(System.out::println);
            selections.add(selection(n, catalog.data(), denseUpTo));
        }
        System.out.println(String.join("\n", rows));
        System.out.println("| products | selection: trials | selection (s) | winner related / personal |");
        System.out.println("|---|---|---|---|");
        selections.forEach(System.out::println);
    }

    /** Selection as trainModel runs it (5,000 validation users, the item-item families and popularity), its wall time. */
    private static String selection(int n, Dataset data, int denseLimit) {
        Families.Settings settings = new Families.Settings(java.util.Set.of(SequentialKnn.NAME, ItemKnn.NAME, Popularity.NAME),
                denseLimit, new double[]{8}, 42L, 1);
        long start = System.nanoTime();
        ModelSelection.Outcome outcome = ModelSelection.select(data, Families.all(settings), Duration.ofMinutes(5), 5_000, line -> {
        });
        return String.format(Locale.ROOT, "| %,d | %d | %.1f | %s / %s |", n, outcome.trials().size(), (System.nanoTime() - start) / 1e9,
                outcome.bestRelated().configuration(), outcome.bestPersonal().configuration());
    }

    private static String measure(String model, Supplier<ItemScorer> training, List<int[]> histories) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        try (ItemScorer scorer = training.get()) {
            double trained = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            long entries = scorer instanceof SparseScorer sparse ? sparse.entries() : (long) scorer.itemCount() * scorer.itemCount();
            long scoring = System.nanoTime();
            for (int from = 0; from < histories.size(); from += scorer.blockSize()) {
                scorer.score(histories.subList(from, Math.min(histories.size(), from + scorer.blockSize())));
            }
            double scored = (System.nanoTime() - scoring) / 1e9;
            String row = String.format(Locale.ROOT, "| %s | %.1f | %,d | %,d | %.1f |", model, trained, peak >> 20, entries, scored);
            System.out.println(model + ": " + row);
            return row;
        }
    }
}
