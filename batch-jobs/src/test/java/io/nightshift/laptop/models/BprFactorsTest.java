package io.nightshift.laptop.models;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BprFactorsTest {

    /** 12 clusters of 25 items; each shopper browses 6 items of one cluster. */
    static int[][] clustered(int clusters, int perCluster, int shoppers, long seed) {
        Random random = new Random(seed);
        int[][] histories = new int[shoppers][];
        for (int u = 0; u < shoppers; u++) {
            int cluster = u % clusters;
            histories[u] = new int[6];
            for (int t = 0; t < 6; t++) {
                histories[u][t] = cluster * perCluster + random.nextInt(perCluster);
            }
        }
        return histories;
    }

    private static final BprFactors.Parameters PARAMETERS = new BprFactors.Parameters(16, 30, 0.05, 0.0001, 3);

    private static BprFactors family() {
        return new BprFactors(42, PARAMETERS, Duration.ofMinutes(1), 64, message -> { });
    }

    @Test
    @DisplayName("items browsed by the same shoppers end up as each other's neighbours: most of an item's top 10 share its cluster")
    void learnsClusters() {
        int clusters = 12;
        int perCluster = 25;
        int n = clusters * perCluster;
        try (Embeddings embeddings = family().train(n, clustered(clusters, perCluster, 600, 1), PARAMETERS)) {
            int[] all = new int[n];
            int[][] self = new int[n][];
            for (int i = 0; i < n; i++) {
                all[i] = i;
                self[i] = new int[]{i};
            }
            Embeddings.Top top = embeddings.topK(embeddings.rows(all), n, 10, null, self);
            int same = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 10; c++) {
                    assertThat(top.index(i, c)).isNotEqualTo(i);
                    same += top.index(i, c) / perCluster == i / perCluster ? 1 : 0;
                }
            }
            assertThat(same / (double) (n * 10)).as("share of neighbours in the item's own cluster").isGreaterThan(0.9);
        }
    }

    @Test
    @DisplayName("the same data and seed give the same embeddings")
    void deterministic() {
        int[][] data = clustered(5, 20, 200, 2);
        try (Embeddings first = family().train(100, data, PARAMETERS); Embeddings second = family().train(100, data, PARAMETERS)) {
            int[] all = java.util.stream.IntStream.range(0, 100).toArray();
            assertThat(second.rows(all)).containsExactly(first.rows(all));
        }
    }
}
