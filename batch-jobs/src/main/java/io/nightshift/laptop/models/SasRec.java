package io.nightshift.laptop.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A SASRec-style sequential model trained on DJL (autograd on PyTorch, Adam; the GPU where present):
 * causal self-attention over each shopper's last {@code length} items predicts the next item at
 * every position, with a full softmax over the catalog (cross-entropy, as in the later SASRec
 * variants that beat its original sampled binary loss). "For you" scores are the next-item
 * scores after a shopper's history; a product page's are the next-item scores after that product
 * alone. The network is {@link SasRecNetwork}; the trained model {@link SasRecScorer}.
 *
 * <p>Cost: every position of every history against every item, per epoch, so minutes per epoch on a
 * CPU for a catalog of ten thousand products; {@code budget} cuts training at an epoch boundary.
 * Memory is bounded per batch: a batch takes at most {@link #MAX_SEQUENCES} histories and at most
 * {@link #LOGITS_PER_BATCH} logits, so a large catalog means smaller batches, not more memory.
 * Deterministic on one machine: weights, the visiting order and the dropout masks come from one
 * seeded generator (a budget cut differs only by having fewer epochs).
 */
public final class SasRec implements ModelFamily<SasRec.Parameters> {

    public static final String NAME = "sasrec";
    /** Training time per model on the laptop: a few epochs of a 10k-product shop on a CPU, tens on a GPU. */
    public static final Duration BUDGET = Duration.ofMinutes(5);
    /** Histories per batch at most. */
    static final int MAX_SEQUENCES = 128;
    /** Logits per batch at most (positions x items): 32 MB per array of them. */
    static final int LOGITS_PER_BATCH = 8_000_000;

    private final long seed;
    private final Parameters defaults;
    private final Duration budget;
    private final Consumer<String> log;

    /** The laptop's: {@link Parameters#DEFAULTS}, {@link #BUDGET}, epochs logged. */
    public SasRec(long seed) {
        this(seed, Parameters.DEFAULTS, BUDGET, org.slf4j.LoggerFactory.getLogger(SasRec.class)::info);
    }

    /**
     * @param defaults the parameters, the only point of the grid
     * @param budget   no new epoch starts after this much training time
     */
    public SasRec(long seed, Parameters defaults, Duration budget, Consumer<String> log) {
        this.seed = seed;
        this.defaults = defaults;
        this.budget = budget;
        this.log = log;
    }

    /**
     * @param dimensions   d, the width of the embeddings and of every layer
     * @param length       the last this many items of a history are the model's input
     * @param blocks       self-attention blocks
     * @param epochs       passes over the histories
     * @param learningRate Adam's step size
     * @param dropout      share of activations dropped while training (embeddings and each block's outputs)
     */
    public record Parameters(int dimensions, int length, int blocks, int epochs, float learningRate, float dropout)
            implements Hyperparameters {

        /** SASRec's setting for Amazon Beauty (d = 64, 50 items, 2 blocks), with the epochs a CPU budget affords. */
        public static final Parameters DEFAULTS = new Parameters(64, 50, 2, 20, 0.001f, 0.3f);

        public Parameters {
            if (dimensions < 1 || length < 1 || blocks < 1 || epochs < 1 || learningRate <= 0 || dropout < 0 || dropout >= 1) {
                throw new IllegalArgumentException("invalid sasrec parameters: d " + dimensions + ", length " + length + ", blocks "
                        + blocks + ", epochs " + epochs + ", lr " + learningRate + ", dropout " + dropout);
            }
        }

        @Override
        public Map<String, String> asLineage() {
            return Map.of("dimensions", Integer.toString(dimensions), "length", Integer.toString(length),
                    "blocks", Integer.toString(blocks), "epochs", Integer.toString(epochs), "lr", Float.toString(learningRate),
                    "dropout", Float.toString(dropout));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Parameters> grid(int itemCount, int[][] train) {
        return List.of(defaults);
    }

    @Override
    public Parameters fromLineage(Map<String, String> lineage) {
        Map<String, String> p = new HashMap<>(defaults.asLineage());
        p.putAll(lineage);
        return new Parameters(Integer.parseInt(p.get("dimensions")), Integer.parseInt(p.get("length")), Integer.parseInt(p.get("blocks")),
                Integer.parseInt(p.get("epochs")), Float.parseFloat(p.get("lr")), Float.parseFloat(p.get("dropout")));
    }

    /** Positions per batch: as many as {@link #LOGITS_PER_BATCH} allows, at least one full history. */
    static int positionsPerBatch(int n, int length) {
        return (int) Math.min((long) MAX_SEQUENCES * length, Math.max(length, LOGITS_PER_BATCH / Math.max(1, n)));
    }

    /**
     * Training, natively: the weights with their gradients, Adam's two moments and the copy they
     * were created from (5 x); per batch (B histories of L positions, d wide) about 6 + 44 arrays of
     * {@code B·L·d} per block (activations and their gradients), 1 + 8 of {@code B·L²} per block
     * (attention scores, mask, softmax and gradients) and 4 of the logits ({@code positions x n}:
     * logits, log-softmax, their gradients). On the heap: the histories cut to {@code L + 1} items,
     * the initial weights, and the batch's indices, masks and dropout masks. Scoring: blocks of
     * {@link SasRecScorer#FORWARD_ROWS} inputs through the network, the block's scores on the heap,
     * and the cached block of product-page scores.
     */
    @Override
    public MemoryEstimate estimate(int n, int[][] train, Parameters parameters) {
        int d = parameters.dimensions();
        int length = parameters.length();
        int blocks = parameters.blocks();
        long users = 0;
        long kept = 0;
        for (int[] sequence : train) {
            if (sequence.length > 1) {
                users++;
                kept += Math.min(sequence.length, length + 1);
            }
        }
        long weights = SasRecNetwork.weightCount(n, d, length, blocks) * MemoryEstimate.FLOAT;
        long positions = positionsPerBatch(n, length);
        long activations = (long) MAX_SEQUENCES * length * d * MemoryEstimate.FLOAT;
        long attention = (long) MAX_SEQUENCES * length * length * MemoryEstimate.FLOAT;
        long logits = positions * n * MemoryEstimate.FLOAT;
        long trainingNative = 5 * weights + (6 + 44L * blocks) * activations + (1 + 8L * blocks) * attention + 4 * logits;
        long trainingHeap = weights + 4 * kept + 24 * users + 12L * MAX_SEQUENCES * length + 16 * positions
                + attention + (1 + 2L * blocks) * activations;
        long rows = SasRecScorer.FORWARD_ROWS;
        long scoringNative = weights + (6 + 22L * blocks) * rows * length * d * MemoryEstimate.FLOAT
                + (1 + 4L * blocks) * rows * length * length * MemoryEstimate.FLOAT + 2 * rows * n * MemoryEstimate.FLOAT;
        long block = ItemScorer.defaultBlockBytes(n, Dataset.interactionsIn(train));
        long scoringHeap = 2 * block + rows * n * MemoryEstimate.FLOAT + rows * length * length * MemoryEstimate.FLOAT;
        return new MemoryEstimate(Math.max(trainingHeap, scoringHeap) + (1L << 20), Math.max(trainingNative, scoringNative) + (1L << 20));
    }

    @Override
    public ItemScorer train(int n, int[][] train, Parameters parameters) {
        int length = parameters.length();
        Random random = new Random(seed);
        // Per history of two items or more, its last length + 1: inputs are all but the last, targets all but the first.
        List<int[]> sequences = new ArrayList<>();
        for (int[] sequence : train) {
            if (sequence.length > 1) {
                sequences.add(Arrays.copyOfRange(sequence, Math.max(0, sequence.length - length - 1), sequence.length));
            }
        }
        int[] order = new int[sequences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int positionsPerBatch = positionsPerBatch(n, length);
        SasRecNetwork network = new SasRecNetwork(n, parameters.dimensions(), length, parameters.blocks(), random);
        try {
            network.train(true);
            Adam adam = Adam.builder().optLearningRateTracker(Tracker.fixed(parameters.learningRate())).build();
            SasRecNetwork.Dropout dropout = parameters.dropout() > 0 ? new SasRecNetwork.Dropout(random, parameters.dropout()) : null;
            long deadline = System.nanoTime() + budget.toNanos();
            for (int epoch = 0; epoch < parameters.epochs() && order.length > 0; epoch++) {
                if (epoch > 0 && System.nanoTime() > deadline) {
                    log.accept(NAME + ": time budget " + budget + " spent after " + epoch + " of " + parameters.epochs() + " epochs");
                    break;
                }
                long start = System.nanoTime();
                SeededShuffle.shuffle(order, random);
                double lossSum = 0;
                long positions = 0;
                int from = 0;
                while (from < order.length) {
                    int to = from;
                    int count = 0;
                    while (to < order.length && to - from < MAX_SEQUENCES) {
                        int inputs = sequences.get(order[to]).length - 1;
                        if (to > from && count + inputs > positionsPerBatch) {
                            break;
                        }
                        count += inputs;
                        to++;
                    }
                    lossSum += step(network, adam, dropout, sequences, order, from, to, count);
                    positions += count;
                    from = to;
                }
                log.accept(String.format(Locale.ROOT, "%s: epoch %d/%d, mean loss %.4f over %d positions in %d ms", NAME, epoch + 1,
                        parameters.epochs(), lossSum / Math.max(1, positions), positions, (System.nanoTime() - start) / 1_000_000));
            }
            network.train(false);
            return new SasRecScorer(network);
        } catch (RuntimeException | Error e) {
            network.close();
            throw e;
        }
    }

    /** One Adam step on the histories {@code order[from..to)} ({@code count} positions); returns their summed loss. */
    private static double step(SasRecNetwork network, Adam adam, SasRecNetwork.Dropout dropout, List<int[]> sequences, int[] order,
                               int from, int to, int count) {
        int batch = to - from;
        int width = 0;
        for (int b = from; b < to; b++) {
            width = Math.max(width, sequences.get(order[b]).length - 1);
        }
        long[] indices = new long[batch * width];
        float[] present = new float[batch * width];
        long[] slots = new long[count];
        long[] targets = new long[count];
        int at = 0;
        for (int r = 0; r < batch; r++) {
            int[] sequence = sequences.get(order[from + r]);
            int inputs = sequence.length - 1;
            for (int j = 0; j < inputs; j++) {
                int slot = r * width + width - inputs + j;
                indices[slot] = sequence[j];
                present[slot] = 1f;
                slots[at] = slot;
                targets[at] = sequence[j + 1];
                at++;
            }
        }
        double loss;
        try (NDManager scope = network.manager().newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray outputs = network.forward(scope, batch, width, indices, present, dropout);
            NDArray rows = outputs.reshape(batch * width, outputs.getShape().get(2)).get(new NDIndex("{}", scope.create(slots)));
            NDArray logProbabilities = network.logits(scope, rows).logSoftmax(1);
            NDArray total = logProbabilities.gather(scope.create(targets, new Shape(count, 1)), 1).sum().neg();
            collector.backward(total.div(count));
            loss = total.getFloat();
        }
        network.update(adam);
        return loss;
    }
}
