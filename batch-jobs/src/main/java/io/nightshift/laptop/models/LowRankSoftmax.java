package io.nightshift.laptop.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A low-rank linear autoencoder trained by gradient descent on DJL (Adam, autograd on PyTorch;
 * the GPU where present): a user's history {@code x} (0/1, L2-normalised, with input dropout)
 * is encoded as {@code h = x E} ({@code k} factors) and decoded as a softmax over all items
 * {@code h D}; the loss is the multinomial likelihood of the history (as in Mult-DAE, without
 * the non-linearity, so the model is the item-item matrix {@code E D} and scores like EASE).
 * Deterministic: initial weights, user order and dropout masks come from a seeded generator.
 */
public final class LowRankSoftmax implements ModelFamily<LowRankSoftmax.Parameters> {

    public static final String NAME = "lowrank-softmax";
    private static final int BATCH = 512;
    private final long seed;
    private final int epochs;
    private final int maxDenseItems;

    public LowRankSoftmax(long seed, int epochs) {
        this(seed, epochs, Integer.MAX_VALUE);
    }

    /** @param maxDenseItems the largest catalog the family takes (the laptop's dense limit) */
    public LowRankSoftmax(long seed, int epochs, int maxDenseItems) {
        this.seed = seed;
        this.epochs = epochs;
        this.maxDenseItems = maxDenseItems;
    }

    /**
     * @param factors      k, the width of the low-rank item-item matrix
     * @param epochs       passes over the users
     * @param learningRate Adam's step size
     * @param dropout      share of a history's items hidden from the input
     * @param l2           weight decay
     */
    public record Parameters(int factors, int epochs, float learningRate, float dropout, float l2) implements Hyperparameters {

        @Override
        public Map<String, String> asLineage() {
            return Map.of("factors", Integer.toString(factors), "epochs", Integer.toString(epochs), "lr", Float.toString(learningRate),
                    "dropout", Float.toString(dropout), "l2", Float.toString(l2));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Training: the histories and initial weights on the heap, and per batch the dense input and
     * target (512 x n each); natively the two k·n weight tables, their direct copies, gradients and
     * Adam's two moments, and per batch the inputs, logits, log-softmax and their gradients. The
     * model is the n² product of the tables, held with the optimiser's state until it is closed.
     */
    @Override
    public boolean takes(int itemCount) {
        return itemCount <= maxDenseItems && Gram.holds(itemCount);
    }

    @Override
    public MemoryEstimate estimate(int n, int[][] train, Parameters parameters) {
        long interactions = Dataset.interactionsIn(train);
        long tables = (long) n * parameters.factors() * MemoryEstimate.FLOAT;
        long batch = (long) BATCH * n * MemoryEstimate.FLOAT;
        MemoryEstimate usage = DenseScorer.usage(n, interactions);
        long heap = Math.max(28L * interactions + 2 * tables + 2 * batch, usage.heapBytes());
        long training = 10 * tables + 11 * batch;
        long held = MemoryEstimate.squares(n, 1) + 8 * tables + usage.nativeBytes();
        return new MemoryEstimate(heap, Math.max(training, held));
    }

    /** Per epoch and shopper, two n·k products forward and twice that backward. */
    @Override
    public double trainingOperations(int itemCount, int[][] train, Parameters parameters) {
        return 12.0 * parameters.epochs() * train.length * (double) itemCount * parameters.factors();
    }

    @Override
    public List<Parameters> grid(int itemCount, int[][] train) {
        return List.of(new Parameters(128, epochs, 0.003f, 0.5f, 0), new Parameters(64, epochs, 0.003f, 0.5f, 0));
    }

    @Override
    public Parameters fromLineage(Map<String, String> lineage) {
        return new Parameters(Integer.parseInt(lineage.getOrDefault("factors", "64")),
                Integer.parseInt(lineage.getOrDefault("epochs", Integer.toString(epochs))),
                Float.parseFloat(lineage.getOrDefault("lr", "0.003")), Float.parseFloat(lineage.getOrDefault("dropout", "0.5")),
                Float.parseFloat(lineage.getOrDefault("l2", "0")));
    }

    @Override
    public ItemScorer train(int n, int[][] train, Parameters parameters) {
        int k = parameters.factors();
        int rounds = parameters.epochs();
        float lr = parameters.learningRate();
        float dropout = parameters.dropout();
        float l2 = parameters.l2();
        int batchSize = BATCH;
        Random random = new Random(seed);
        List<int[]> users = new ArrayList<>();
        boolean[] seen = new boolean[n];
        for (int[] sequence : train) {
            int[] distinct = Gram.distinct(sequence, seen);
            if (distinct.length > 0) {
                users.add(distinct);
            }
        }
        NDManager manager = NDManager.newBaseManager();
        NDArray encoder = manager.create(gaussian(random, n * k, (float) Math.sqrt(1.0 / k)), new Shape(n, k));
        NDArray decoder = manager.create(gaussian(random, k * n, (float) Math.sqrt(1.0 / k)), new Shape(k, n));
        encoder.setRequiresGradient(true);
        decoder.setRequiresGradient(true);
        Adam adam = Adam.builder().optLearningRateTracker(Tracker.fixed(lr)).build();
        int[] order = new int[users.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < rounds; epoch++) {
            SeededShuffle.shuffle(order, random);
            for (int from = 0; from < order.length; from += batchSize) {
                int size = Math.min(batchSize, order.length - from);
                float[] input = new float[size * n];
                float[] target = new float[size * n];
                for (int b = 0; b < size; b++) {
                    int[] items = users.get(order[from + b]);
                    int kept = 0;
                    for (int item : items) {
                        target[b * n + item] = 1f;
                        if (random.nextFloat() >= dropout) {
                            input[b * n + item] = 1f;
                            kept++;
                        }
                    }
                    if (kept > 0) {
                        float norm = (float) (1.0 / Math.sqrt(kept));
                        for (int item : items) {
                            input[b * n + item] *= norm;
                        }
                    }
                }
                try (NDManager batch = manager.newSubManager();
                     GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = batch.create(input, new Shape(size, n));
                    NDArray y = batch.create(target, new Shape(size, n));
                    NDArray logits = x.matMul(encoder).matMul(decoder);
                    NDArray loss = logits.logSoftmax(1).mul(y).sum().neg().div(size);
                    if (l2 > 0) {
                        loss = loss.add(encoder.square().sum().add(decoder.square().sum()).mul(l2));
                    }
                    collector.backward(loss);
                }
                step(adam, "encoder", encoder);
                step(adam, "decoder", decoder);
            }
        }
        encoder.setRequiresGradient(false);
        decoder.setRequiresGradient(false);
        NDArray matrix = encoder.stopGradient().matMul(decoder.stopGradient());
        encoder.close();
        decoder.close();
        return new DenseScorer(manager, matrix);
    }

    /**
     * One Adam step from the gradient the last backward pass left, then that gradient zeroed (backward adds
     * to it). Zeroing only the two weights: the collector's own {@code zeroGradients} walks every array of
     * the engine and leaves a handle behind for each, so every step cost more than the one before.
     */
    private static void step(Adam adam, String name, NDArray weight) {
        try (NDArray gradient = weight.getGradient()) {
            adam.update(name, weight, gradient);
            gradient.subi(gradient);
        }
    }

    private static float[] gaussian(Random random, int size, float scale) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextGaussian() * scale * 0.1);
        }
        return values;
    }
}
