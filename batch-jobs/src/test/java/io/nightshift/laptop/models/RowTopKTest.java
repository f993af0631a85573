package io.nightshift.laptop.models;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RowTopKTest {

    private static final float[] ODD = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    @DisplayName("blocks of columns in any widths give the brute-force ranking: ties to the lower column, only finite, allowed, non-excluded scores")
    void matchesASortOfEveryScore(int seed) {
        Random random = new Random(seed);
        int rows = 40 + random.nextInt(40);
        int columns = 500 + random.nextInt(3000);
        int size = 1 + random.nextInt(60);
        // Few distinct values (many ties), some rows shifted well above the rest (guesses from other rows fall short).
        float[][] scores = new float[rows][columns];
        for (int r = 0; r < rows; r++) {
            float shift = random.nextInt(4) == 0 ? -3f : 0f;
            for (int c = 0; c < columns; c++) {
                scores[r][c] = random.nextInt(50) == 0 ? ODD[random.nextInt(ODD.length)] : shift + random.nextInt(200) / 64f;
            }
        }
        boolean[] allowed = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            allowed[c] = random.nextInt(6) > 0;
        }
        int[][] excluded = new int[rows][];
        for (int r = 0; r < rows; r++) {
            excluded[r] = random.ints(random.nextInt(4), 0, columns).toArray();
        }

        RowTopK top = new RowTopK(rows, size, seed % 2 == 0 ? null : allowed, excluded);
        for (int from = 0; from < columns; ) {
            int width = Math.min(columns - from, 1 + random.nextInt(900));
            FloatBuffer block = ByteBuffer.allocateDirect(rows * width * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (int r = 0; r < rows; r++) {
                block.put(r * width, scores[r], from, width);
            }
            top.offer(block, width, from);
            from += width;
        }
        Embeddings.Top result = top.result();

        for (int r = 0; r < rows; r++) {
            List<Integer> expected = bruteForce(scores[r], seed % 2 == 0 ? null : allowed, excluded[r], size);
            for (int rank = 0; rank < size; rank++) {
                if (rank < expected.size()) {
                    assertThat(result.index(r, rank)).as("row %d rank %d", r, rank).isEqualTo(expected.get(rank));
                    assertThat(result.value(r, rank)).isEqualTo(scores[r][expected.get(rank)]);
                } else {
                    assertThat(result.index(r, rank)).isEqualTo(-1);
                    assertThat(result.value(r, rank)).isEqualTo(Float.NEGATIVE_INFINITY);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(floats = {-2.5f, -0f, 0f, 1e-30f, 3.25f, Float.MAX_VALUE, -Float.MAX_VALUE})
    @DisplayName("a kept score's key orders as Float.compare does and gives back its score and column")
    void keysOrderAsTheScores(float value) {
        long key = RowTopK.key(value, 12_345);
        assertThat(RowTopK.value(key)).isEqualTo(value);
        assertThat(RowTopK.column(key)).isEqualTo(12_345);
        assertThat(Long.compare(key, RowTopK.key(Math.nextUp(value), 12_345))).isNegative();
        assertThat(Long.compare(key, RowTopK.key(value, 12_344))).as("the same score on a lower column ranks higher").isNegative();
    }

    private static List<Integer> bruteForce(float[] scores, boolean[] allowed, int[] excluded, int size) {
        List<Integer> candidates = new ArrayList<>();
        for (int c = 0; c < scores.length; c++) {
            final int column = c;
            if (Float.isFinite(scores[c]) && (allowed == null || allowed[c]) && Arrays.stream(excluded).noneMatch(e -> e == column)) {
                candidates.add(c);
            }
        }
        candidates.sort(Comparator.<Integer, Float>comparing(c -> scores[c], (a, b) -> Float.compare(b, a)).thenComparing(c -> c));
        return candidates.subList(0, Math.min(size, candidates.size()));
    }
}
