package io.nightshift.laptop.models;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbeddingsTest {

    private static final int N = 1_003;
    private static final int K = 16;

    @Test
    @DisplayName("blocked top-K (column blocks that do not divide n) equals a brute-force ranking, with masked and excluded items left out")
    void blockedTopKMatchesBruteForce() {
        Random random = new Random(7);
        float[] table = gaussian(random, N * K);
        boolean[] allowed = new boolean[N];
        for (int i = 0; i < N; i++) {
            allowed[i] = random.nextInt(5) > 0;
        }
        int rows = 37;
        int size = 25;
        float[] queries = gaussian(random, rows * K);
        int[][] excluded = new int[rows][];
        for (int r = 0; r < rows; r++) {
            excluded[r] = new int[]{random.nextInt(N), random.nextInt(N), r};
        }
        try (Embeddings embeddings = Embeddings.of(table, N, K, 128)) {
            Embeddings.Top top = embeddings.topK(queries, rows, size, allowed, excluded);
            for (int r = 0; r < rows; r++) {
                List<Integer> expected = bruteForce(table, queries, r, allowed, excluded[r], size);
                List<Integer> actual = new ArrayList<>();
                for (int c = 0; c < size; c++) {
                    actual.add(top.index(r, c));
                    assertThat(top.value(r, c)).isCloseTo(dot(table, expected.get(c), queries, r), within(1e-4f));
                }
                assertThat(actual).as("row %d", r).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    @DisplayName("a row with fewer allowed items than asked for ends in -1")
    void shortRows() {
        float[] table = gaussian(new Random(1), 10 * 4);
        boolean[] allowed = new boolean[10];
        allowed[3] = allowed[7] = allowed[9] = true;
        try (Embeddings embeddings = Embeddings.of(table, 10, 4, 3)) {
            Embeddings.Top top = embeddings.topK(embeddings.rows(new int[]{3}), 1, 5, allowed, new int[][]{{3}});
            assertThat(List.of(top.index(0, 0), top.index(0, 1))).containsExactlyInAnyOrder(7, 9);
            assertThat(top.index(0, 2)).isEqualTo(-1);
            assertThat(top.value(0, 4)).isEqualTo(Float.NEGATIVE_INFINITY);
        }
    }

    @Test
    @DisplayName("asking for no items per row gives empty rows, not an error")
    void noItemsAsked() {
        try (Embeddings embeddings = Embeddings.of(gaussian(new Random(2), 10 * 4), 10, 4, 3)) {
            Embeddings.Top top = embeddings.neighbours(new int[]{1, 2}, 0, null);
            assertThat(top.rows()).isEqualTo(2);
            assertThat(top.indices()).isEmpty();
        }
    }

    @Test
    @DisplayName("a table written to a file reads back identical")
    void fileRoundTrip(@TempDir Path dir) throws Exception {
        float[] table = gaussian(new Random(3), 20_000 * 8);
        Path file = dir.resolve("v1.embeddings");
        try (Embeddings written = Embeddings.of(table, 20_000, 8, 1000)) {
            written.write(file);
        }
        try (Embeddings read = Embeddings.read(file, 1000)) {
            assertThat(read.itemCount()).isEqualTo(20_000);
            assertThat(read.dimensions()).isEqualTo(8);
            assertThat(read.rows(new int[]{0, 12_345, 19_999})).containsExactly(concat(table, 8, 0, 12_345, 19_999));
        }
    }

    private static List<Integer> bruteForce(float[] table, float[] queries, int row, boolean[] allowed, int[] excluded, int size) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            final int item = i;
            if (allowed[i] && java.util.Arrays.stream(excluded).noneMatch(e -> e == item)) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.<Integer>comparingDouble(i -> -dot(table, i, queries, row)).thenComparing(i -> i));
        return candidates.subList(0, size);
    }

    private static float dot(float[] table, int item, float[] queries, int row) {
        double sum = 0;
        for (int c = 0; c < K; c++) {
            sum += (double) table[item * K + c] * queries[row * K + c];
        }
        return (float) sum;
    }

    private static float[] concat(float[] table, int k, int... rows) {
        float[] out = new float[rows.length * k];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(table, rows[r] * k, out, r * k, k);
        }
        return out;
    }

    private static float[] gaussian(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
