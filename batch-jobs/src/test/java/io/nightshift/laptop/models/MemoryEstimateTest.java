package io.nightshift.laptop.models;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The families' memory estimates against what their real code allocates on small catalogs: the
 * heap a phase allocates (all of it, so at least its peak) must be within the estimate, and the
 * estimate within a small factor of the largest phase. Native memory is checked through the
 * process's peak resident memory (Linux only), which bounds heap and native growth together.
 */
class MemoryEstimateTest {

    private static final int USERS = 3000;
    private static final int LENGTH = 10;

    @Test
    @DisplayName("every family's heap estimate covers what its training, scoring and top-K blocks allocate, within a factor of 3")
    void heapEstimatesCoverAllocations() {
        int n = 1500;
        int[][] train = histories(n, USERS, LENGTH);
        long interactions = (long) USERS * LENGTH;
        check(new Popularity(), new Popularity.Parameters(), n, train, interactions);
        check(new ItemKnn(20_000), new ItemKnn.Parameters(10, 100), n, train, interactions);
        check(new ItemKnn(20_000), new ItemKnn.Parameters(10, 5000), n, train, interactions);
        check(new SequentialKnn(20_000), new SequentialKnn.Parameters(0.5f, 10, 0.7f), n, train, interactions);
        check(new Ease(new double[]{8}), new Ease.Parameters(100), n, train, interactions);
        check(new LowRankSoftmax(42, 1), new LowRankSoftmax.Parameters(32, 1, 0.003f, 0.5f, 0), n, train, interactions);
        check(new Ials(42, 1), new Ials.Parameters(32, 10f, 30f, 1, 3), n, train, interactions);
        // The same histories over 400 products hold more pairs than a quarter of 400²: the item-item
        // families build their dense matrix there (above, on 1,500 products, sparse rows).
        int denseN = 400;
        int[][] dense = histories(denseN, USERS, LENGTH);
        check(new ItemKnn(20_000), new ItemKnn.Parameters(10, 100), denseN, dense, interactions);
        check(new SequentialKnn(20_000), new SequentialKnn.Parameters(0.5f, 10, 0.7f), denseN, dense, interactions);
    }

    @Test
    @DisplayName("the factor model's heap estimate covers what its training allocates")
    void factorEstimateCoversAllocations() {
        int n = 20_000;
        int users = 300; // one batch of triples: an epoch of many batches allocates each batch's arrays anew
        int[][] train = histories(n, users, LENGTH);
        BprFactors.Parameters parameters = new BprFactors.Parameters(32, 1, 0.05, 0.0001, 3);
        BprFactors family = new BprFactors(42, parameters, Duration.ofMinutes(1), 100_000, line -> { });
        MemoryEstimate estimate = family.estimate(n, train, parameters);
        long allocated = allocatedBy(() -> family.train(n, train, parameters)).bytes();

        assertThat(estimate.heapBytes()).as("bpr heap estimate vs allocated %d", allocated).isGreaterThanOrEqualTo(allocated);
        assertThat(estimate.heapBytes()).isLessThanOrEqualTo(3 * allocated + (16 << 20));
    }

    @Test
    @DisplayName("EASE's and ItemKNN's peak resident growth (heap and native) stays within their estimates")
    void residentGrowthWithinEstimates() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/proc/self/clear_refs")), "Linux peak-RSS reset");
        int n = 3000;
        int[][] train = histories(n, USERS, LENGTH);
        long interactions = (long) USERS * LENGTH;
        for (Configuration<?> configuration : List.of(
                new Configuration<>(new Ease(new double[]{8}), new Ease.Parameters(100)),
                new Configuration<>(new ItemKnn(20_000), new ItemKnn.Parameters(10, 100)))) {
            MemoryEstimate estimate = configuration.estimate(n, train);
            System.gc();
            long before = resetPeak();
            try (ItemScorer scorer = configuration.train(n, train)) {
                long growth = peak() - before;
                System.out.printf("%s: peak resident growth %s, estimate %s%n", configuration, MemoryEstimate.size(growth), estimate);
                assertThat(growth).as(configuration + " resident growth").isLessThanOrEqualTo(estimate.heapBytes() + estimate.nativeBytes());
            }
        }
    }

    private static <P extends Hyperparameters> void check(ModelFamily<P> family, P parameters, int n, int[][] train, long interactions) {
        MemoryEstimate estimate = family.estimate(n, train, parameters);
        Allocation<ItemScorer> trained = allocatedBy(() -> family.train(n, train, parameters));
        try (ItemScorer scorer = trained.value()) {
            List<int[]> inputs = new ArrayList<>();
            Random random = new Random(3);
            for (int k = 0; k < scorer.blockSize() && k < interactions; k++) {
                inputs.add(new int[]{random.nextInt(n)});
            }
            long scoring = allocatedBy(() -> scorer.score(inputs)).bytes();
            long topK = scorer instanceof DenseScorer dense
                    ? allocatedBy(() -> dense.topK(0, Math.min(n, DenseScorer.TOP_K_ROWS), 50, new float[n])).bytes() : 0;
            long largest = Math.max(trained.bytes(), Math.max(scoring, topK));
            System.out.printf("%s%s (%s): allocated train %s, score %s, top-K %s; estimate %s%n", family.name(), parameters.asLineage(),
                    scorer.getClass().getSimpleName(), MemoryEstimate.size(trained.bytes()), MemoryEstimate.size(scoring), MemoryEstimate.size(topK), estimate);
            assertThat(estimate.heapBytes()).as(family.name() + " heap estimate vs training").isGreaterThanOrEqualTo(trained.bytes());
            assertThat(estimate.heapBytes()).as(family.name() + " heap estimate vs scoring").isGreaterThanOrEqualTo(scoring);
            assertThat(estimate.heapBytes()).as(family.name() + " heap estimate vs top-K").isGreaterThanOrEqualTo(topK);
            assertThat(estimate.heapBytes()).as(family.name() + " heap estimate within a factor").isLessThanOrEqualTo(3 * largest);
        }
    }

    private record Allocation<T>(T value, long bytes) {
    }

    private static <T> Allocation<T> allocatedBy(Supplier<T> work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        T value = work.get();
        return new Allocation<>(value, threads.getCurrentThreadAllocatedBytes() - before);
    }

    /** Resets the process's peak resident memory to its current value and returns it. */
    private static long resetPeak() throws IOException {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        return status("VmHWM:");
    }

    private static long peak() throws IOException {
        return status("VmHWM:");
    }

    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException(field + " not in /proc/self/status");
    }

    /** Shoppers of random lengths-{@code length} histories over a power-law catalog (a few products are most of the views). */
    static int[][] histories(int n, int users, int length) {
        Random random = new Random(7);
        int[][] train = new int[users][length];
        for (int[] history : train) {
            for (int t = 0; t < length; t++) {
                history[t] = (int) Math.min(n - 1, Math.floor(Math.pow(random.nextDouble(), 2) * n));
            }
        }
        return train;
    }
}
