package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The nightly job's top-K kernel ({@link RowTopK}: the best 50 of each row of a block of scores, as
 * {@link Embeddings#topK} runs it on every column block) against two baselines in the same run on
 * the same block: a full sort of each row (the same order: score, then lower column), and the
 * engine's own {@code topk} on the block (what {@link Embeddings#topK} used before). A block is 256
 * query rows by the catalog's columns, scores like unit embeddings' (normal, sd 1/8), each row's
 * own column excluded. The streaming top-K and the sort share the rows over the common pool; the
 * engine uses its own threads. Run by {@code ./mvnw -Pjmh -pl batch-jobs -am verify -DskipTests}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RowTopKBenchmark {

    private static final int ROWS = 256;
    private static final int TOP = 50;

    @Param({"10000"})
    public int columns;

    private FloatBuffer scores;
    private int[][] self;
    private NDManager manager;
    private NDArray engineScores;

    @Setup
    public void setUp() {
        Random random = new Random(5);
        float[] values = new float[ROWS * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() / 8);
        }
        scores = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        scores.put(0, values);
        self = new int[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            self[r] = new int[]{r};
        }
        manager = NDManager.newBaseManager();
        engineScores = manager.create(values, new Shape(ROWS, columns));
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public Embeddings.Top streamingTopK() {
        RowTopK top = new RowTopK(ROWS, TOP, null, self);
        top.offer(scores, columns, 0);
        return top.result();
    }

    @Benchmark
    public long[][] fullSort() {
        long[][] best = new long[ROWS][];
        IntStream.range(0, ROWS).parallel().forEach(r -> {
            float[] row = new float[columns];
            scores.get(r * columns, row, 0, columns);
            long[] keys = new long[columns];
            int count = 0;
            for (int c = 0; c < columns; c++) {
                float value = row[c];
                if (c != r && Float.isFinite(value)) {
                    keys[count++] = RowTopK.key(value, c);
                }
            }
            Arrays.sort(keys, 0, count);
            best[r] = Arrays.copyOfRange(keys, count - TOP, count);
        });
        return best;
    }

    @Benchmark
    public float[] engineTopK() {
        // One more than asked, as the old path kept for the excluded item; copied out as it did.
        try (NDManager scope = manager.newSubManager()) {
            NDList top = engineScores.topK(TOP + 1, 1, true, true);
            top.attach(scope);
            top.get(1).toLongArray();
            return top.get(0).toFloatArray();
        }
    }
}
