package io.nightshift.laptop.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Item embeddings for catalogs too large for an item-item matrix, trained by gradient descent on
 * DJL: Bayesian personalised ranking on item pairs. For an item {@code a} a shopper had, another
 * item {@code p} the same shopper had within {@code window} steps of it should score above a
 * random item {@code q}: the loss is {@code softplus(a·q − a·p)} plus L2, one table {@code E}
 * ({@code n x k}) for both sides, so the model is symmetric like ItemKNN. Each step takes a
 * batch of triples: their rows are gathered, the loss and its gradient come from DJL's autograd,
 * and only those rows are updated (sparse SGD), so a step costs the batch, not the table.
 *
 * <p>Memory is {@code O(n·k + interactions)}: the table (on the heap while training, 256 MB for
 * 1 M items at k = 64), the flattened histories and one position per interaction. The rows are
 * L2-normalised at the end, so scores are cosine similarities (an item no shopper had next to
 * another keeps a zero row: it is nobody's neighbour and its own list is the popular fill). Deterministic: initial weights,
 * the visiting order and the sampled pairs and negatives come from one seeded generator (the time
 * budget cuts training at an epoch boundary, so a cut run differs only by having fewer epochs).
 */
public final class BprFactors implements ModelFamily<BprFactors.Parameters> {

    public static final String NAME = "bpr-factors";
    /** The parameters {@code nightshift.laptop.factors} defaults to. */
    public static final Parameters DEFAULTS = new Parameters(64, 10, 0.05, 0.0001, 3);
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(30);
    private static final int BATCH = 4096;

    private final long seed;
    private final Parameters defaults;
    private final Duration budget;
    private final int columnBlock;
    private final Consumer<String> log;

    /**
     * @param defaults    the parameters, the only point of its grid
     * @param budget      no new epoch starts after this much training time
     * @param columnBlock items per column block when the trained embeddings are scored
     */
    public BprFactors(long seed, Parameters defaults, Duration budget, int columnBlock, Consumer<String> log) {
        this.seed = seed;
        this.defaults = defaults;
        this.budget = budget;
        this.columnBlock = columnBlock;
        this.log = log;
    }

    /**
     * @param factors      dimensions per item
     * @param epochs       passes over the interactions
     * @param learningRate SGD step size
     * @param l2           weight decay of the rows a step touches
     * @param window       a positive pair is two items at most this many steps apart in a history
     */
    public record Parameters(int factors, int epochs, double learningRate, double l2, int window) implements Hyperparameters {

        @Override
        public Map<String, String> asLineage() {
            return Map.of("factors", Integer.toString(factors), "epochs", Integer.toString(epochs), "lr", Double.toString(learningRate),
                    "l2", Double.toString(l2), "window", Integer.toString(window));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The table on the heap (n·k floats) with four ints per interaction (the flattened histories,
     * their bounds, the visiting order), then copied through a direct buffer into the model's
     * tensor; per step three gathered batches of rows and their gradients (heap) and the batch's
     * autograd graph (native); scoring a block of 256 queries against a column block of items.
     */
    @Override
    public MemoryEstimate estimate(int n, int[][] train, Parameters parameters) {
        long interactions = Dataset.interactionsIn(train);
        long table = (long) n * parameters.factors() * MemoryEstimate.FLOAT;
        long batch = (long) BATCH * parameters.factors() * MemoryEstimate.FLOAT;
        long scores = 256L * Math.min(n, columnBlock) * MemoryEstimate.FLOAT;
        return new MemoryEstimate(table + 16 * interactions + n + 6 * batch + scores + (1L << 20), 2 * table + 20 * batch + 3 * scores);
    }

    @Override
    public List<Parameters> grid(int itemCount, int[][] train) {
        return List.of(defaults);
    }

    @Override
    public Parameters fromLineage(Map<String, String> lineage) {
        Map<String, String> p = new HashMap<>(defaults.asLineage());
        p.putAll(lineage);
        return new Parameters(Integer.parseInt(p.get("factors")), Integer.parseInt(p.get("epochs")), Double.parseDouble(p.get("lr")),
                Double.parseDouble(p.get("l2")), Integer.parseInt(p.get("window")));
    }

    @Override
    public Embeddings train(int n, int[][] train, Parameters parameters) {
        int k = parameters.factors();
        int epochs = parameters.epochs();
        float lr = (float) parameters.learningRate();
        float l2 = (float) parameters.l2();
        int window = parameters.window();
        if ((long) n * k > Integer.MAX_VALUE / Float.BYTES) {
            throw new IllegalArgumentException(n + " items x " + k + " factors do not fit one table (at most 512 M floats)");
        }
        Random random = new Random(seed);
        float[] table = new float[n * k];
        float scale = (float) (0.1 / Math.sqrt(k));
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) (random.nextGaussian() * scale);
        }
        // Histories flattened; each position knows its history's bounds. Single-item histories pair with nothing.
        long total = 0;
        for (int[] sequence : train) {
            if (sequence.length > 1) {
                total += sequence.length;
            }
        }
        int[] items = new int[Math.toIntExact(total)];
        int[] starts = new int[items.length];
        int[] ends = new int[items.length];
        int at = 0;
        for (int[] sequence : train) {
            if (sequence.length > 1) {
                for (int t = 0; t < sequence.length; t++) {
                    items[at + t] = sequence[t];
                    starts[at + t] = at;
                    ends[at + t] = at + sequence.length;
                }
                at += sequence.length;
            }
        }
        int[] order = new int[items.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long deadline = System.nanoTime() + budget.toNanos();
        int[] anchors = new int[BATCH];
        int[] positives = new int[BATCH];
        int[] negatives = new int[BATCH];
        int epoch = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (; epoch < epochs && items.length > 0; epoch++) {
                if (epoch > 0 && System.nanoTime() > deadline) {
                    log.accept(NAME + ": time budget " + budget + " spent after " + epoch + " of " + epochs + " epochs");
                    break;
                }
                SeededShuffle.shuffle(order, random);
                double lossSum = 0;
                for (int from = 0; from < order.length; from += BATCH) {
                    int size = 0;
                    for (int b = from; b < Math.min(order.length, from + BATCH); b++) {
                        int position = order[b];
                        int offset = 1 + random.nextInt(window);
                        int other = random.nextBoolean() ? position + offset : position - offset;
                        other = Math.clamp(other, starts[position], ends[position] - 1);
                        int negative = random.nextInt(n);
                        if (other == position || items[other] == items[position] || negative == items[other]) {
                            continue;
                        }
                        anchors[size] = items[position];
                        positives[size] = items[other];
                        negatives[size] = negative;
                        size++;
                    }
                    if (size > 0) {
                        lossSum += step(manager, table, k, size, anchors, positives, negatives, lr, l2);
                    }
                }
                log.accept(String.format(Locale.ROOT, "%s: epoch %d/%d, mean loss %.4f over %d interactions",
                        NAME, epoch + 1, epochs, lossSum / Math.max(1, items.length), items.length));
            }
        }
        // Items no shopper paired with anything kept their random start: zero rows score 0 with everything.
        boolean[] paired = new boolean[n];
        for (int item : items) {
            paired[item] = true;
        }
        for (int i = 0; i < n; i++) {
            if (!paired[i]) {
                Arrays.fill(table, i * k, (i + 1) * k, 0f);
            }
        }
        normalise(table, n, k);
        return Embeddings.of(table, n, k, columnBlock);
    }

    /** One SGD step on a batch of triples; returns the batch's summed loss. */
    private static double step(NDManager manager, float[] table, int k, int size, int[] anchors, int[] positives, int[] negatives,
                               float lr, float l2) {
        float[] a = gather(table, k, anchors, size);
        float[] p = gather(table, k, positives, size);
        float[] q = gather(table, k, negatives, size);
        float[] ga;
        float[] gp;
        float[] gq;
        double loss;
        try (NDManager batch = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray av = batch.create(a, new Shape(size, k));
            NDArray pv = batch.create(p, new Shape(size, k));
            NDArray qv = batch.create(q, new Shape(size, k));
            av.setRequiresGradient(true);
            pv.setRequiresGradient(true);
            qv.setRequiresGradient(true);
            NDArray margin = av.mul(pv).sum(new int[]{1}).sub(av.mul(qv).sum(new int[]{1}));
            NDArray ranking = Activation.softPlus(margin.neg()).sum();
            NDArray total = ranking.add(av.square().sum().add(pv.square().sum()).add(qv.square().sum()).mul(l2));
            collector.backward(total);
            loss = ranking.getFloat();
            ga = av.getGradient().toFloatArray();
            gp = pv.getGradient().toFloatArray();
            gq = qv.getGradient().toFloatArray();
        }
        // In batch order, so an item that appears twice gets both updates (the same order every run).
        scatter(table, k, anchors, size, ga, lr);
        scatter(table, k, positives, size, gp, lr);
        scatter(table, k, negatives, size, gq, lr);
        return loss;
    }

    private static float[] gather(float[] table, int k, int[] rows, int size) {
        float[] out = new float[size * k];
        for (int r = 0; r < size; r++) {
            System.arraycopy(table, rows[r] * k, out, r * k, k);
        }
        return out;
    }

    private static void scatter(float[] table, int k, int[] rows, int size, float[] gradient, float lr) {
        for (int r = 0; r < size; r++) {
            int base = rows[r] * k;
            for (int c = 0; c < k; c++) {
                table[base + c] -= lr * gradient[r * k + c];
            }
        }
    }

    private static void normalise(float[] table, int n, int k) {
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int c = 0; c < k; c++) {
                norm += table[i * k + c] * table[i * k + c];
            }
            float inverse = norm > 0 ? (float) (1.0 / Math.sqrt(norm)) : 0f;
            for (int c = 0; c < k; c++) {
                table[i * k + c] *= inverse;
            }
        }
    }
}
