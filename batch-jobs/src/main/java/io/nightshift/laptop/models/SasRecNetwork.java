package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The weights and the forward pass of {@link SasRec}: item and position embeddings, then
 * {@code blocks} pre-norm causal self-attention blocks (one head, then a two-layer ReLU feed-forward,
 * each with a residual), then a layer norm; an item's score at a position is the dot product of
 * the position's output with the item's embedding (shared with the input, as in SASRec).
 *
 * <p>Written with NDArray operations rather than DJL's {@code TransformerEncoderBlock}: that block
 * normalises with BatchNorm across the batch (padding included, running statistics at inference)
 * where a sequence model needs a per-position layer norm, and its weights and dropout draw from
 * the engine's global generator; here every weight and dropout mask comes from the caller's seeded
 * {@link Random}, so a run is reproducible whatever else used the engine.
 *
 * <p>Inputs are left-padded, so every row's most recent item is in the last slot; positions count
 * from a row's first item. Padded slots are zeroed and no slot attends to them or to a later slot.
 */
final class SasRecNetwork implements AutoCloseable {

    /** Added to the attention score of a masked pair: far below any real score, yet finite, so a fully padded row stays a number. */
    private static final float MASKED = -1e9f;
    private static final float EPSILON = 1e-6f;

    private final NDManager manager;
    private final int n;
    private final int d;
    private final int length;
    private final int blocks;
    private final NDArray items;
    private final NDArray positions;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /** Weights drawn from {@code random}: Gaussian with standard deviation {@code 1/sqrt(d)} (layer norms start at the identity). */
    SasRecNetwork(int n, int d, int length, int blocks, Random random) {
        this.manager = NDManager.newBaseManager();
        this.n = n;
        this.d = d;
        this.length = length;
        this.blocks = blocks;
        this.items = weight("items", gaussian(random, n, d), new Shape(n, d));
        this.positions = weight("positions", gaussian(random, length, d), new Shape(length, d));
        for (int b = 0; b < blocks; b++) {
            weight("attention" + b + ".gain", ones(d), new Shape(d));
            weight("attention" + b + ".bias", new float[d], new Shape(d));
            weight("query" + b, gaussian(random, d, d), new Shape(d, d));
            weight("key" + b, gaussian(random, d, d), new Shape(d, d));
            weight("value" + b, gaussian(random, d, d), new Shape(d, d));
            weight("forward" + b + ".gain", ones(d), new Shape(d));
            weight("forward" + b + ".bias", new float[d], new Shape(d));
            weight("hidden" + b, gaussian(random, d, d), new Shape(d, d));
            weight("hidden" + b + ".bias", new float[d], new Shape(d));
            weight("out" + b, gaussian(random, d, d), new Shape(d, d));
            weight("out" + b + ".bias", new float[d], new Shape(d));
        }
        weight("final.gain", ones(d), new Shape(d));
        weight("final.bias", new float[d], new Shape(d));
    }

    /** Floats of all weights: the two embedding tables and per block five {@code d x d} matrices and six vectors. */
    static long weightCount(int n, int d, int length, int blocks) {
        return (long) n * d + (long) length * d + blocks * (5L * d * d + 6L * d) + 2L * d;
    }

    int itemCount() {
        return n;
    }

    int length() {
        return length;
    }

    NDManager manager() {
        return manager;
    }

    /** Whether the weights take gradients (training) or not (scoring). */
    void train(boolean training) {
        for (NDArray weight : weights) {
            weight.setRequiresGradient(training);
        }
    }

    /**
     * One Adam step on every weight from the gradients the last backward pass left, then those
     * gradients zeroed (backward adds to them). Only these weights: the collector's own
     * {@code zeroGradients} walks every array of the engine and leaves a handle behind for each, so
     * a step would cost more with every step before it.
     */
    void update(Optimizer optimizer) {
        for (int w = 0; w < weights.size(); w++) {
            try (NDArray gradient = weights.get(w).getGradient()) {
                optimizer.update(names.get(w), weights.get(w), gradient);
                gradient.subi(gradient);
            }
        }
    }

    /**
     * The output at each position of a batch of left-padded sequences.
     *
     * @param scope   where the intermediate arrays live (closed by the caller)
     * @param indices {@code batch x width} item indices, row-major; any index where {@code present} is 0
     * @param present {@code batch x width}, 1 for an item and 0 for padding
     * @param dropout per call, the next dropout mask ({@code batch x width x d}, already scaled), or null for none
     * @return {@code batch x width x d}
     */
    NDArray forward(NDManager scope, int batch, int width, long[] indices, float[] present, Dropout dropout) {
        NDArray keep = scope.create(present, new Shape(batch, width, 1));
        // Reads of the weights go to the scope: a result lives with its first operand, and the weights' manager lives as long as the model.
        NDArray x = items.get(scope, new NDIndex("{}", scope.create(indices))).reshape(batch, width, d)
                .add(positions.get(scope, new NDIndex("{}", scope.create(positionsOf(batch, width, present)))).reshape(batch, width, d));
        x = drop(scope, x, dropout, batch, width).mul(keep);
        NDArray mask = scope.create(attentionMask(batch, width, present), new Shape(batch, width, width));
        float scale = (float) (1.0 / Math.sqrt(d));
        int w = 2;
        for (int b = 0; b < blocks; b++) {
            NDArray h = layerNorm(x, weights.get(w), weights.get(w + 1));
            NDArray query = h.matMul(weights.get(w + 2));
            NDArray key = h.matMul(weights.get(w + 3));
            NDArray value = h.matMul(weights.get(w + 4));
            NDArray attention = query.batchMatMul(key.transpose(0, 2, 1)).mul(scale).add(mask).softmax(2);
            x = x.add(drop(scope, attention.batchMatMul(value), dropout, batch, width));
            h = layerNorm(x, weights.get(w + 5), weights.get(w + 6));
            NDArray hidden = h.matMul(weights.get(w + 7)).add(weights.get(w + 8)).maximum(0f);
            x = x.add(drop(scope, hidden.matMul(weights.get(w + 9)).add(weights.get(w + 10)), dropout, batch, width)).mul(keep);
            w += 11;
        }
        return layerNorm(x, weights.get(w), weights.get(w + 1));
    }

    /** Scores of every item for outputs ({@code rows x d}): their dot products with the item embeddings. */
    NDArray logits(NDManager scope, NDArray outputs) {
        NDArray transposed = items.transpose();
        transposed.attach(scope);
        return outputs.matMul(transposed);
    }

    /**
     * Each slot's position, counted from the first item of its row (padding gets 0): a one-item
     * input is at position 0 like the first item of every history in training, so a product page's
     * query is one the network has seen at every history it learnt from.
     */
    private static long[] positionsOf(int batch, int width, float[] present) {
        long[] positions = new long[batch * width];
        for (int r = 0; r < batch; r++) {
            int position = 0;
            for (int t = 0; t < width; t++) {
                if (present[r * width + t] > 0) {
                    positions[r * width + t] = position++;
                }
            }
        }
        return positions;
    }

    /** 0 where position t may attend to position s (s ≤ t, s not padding), {@link #MASKED} elsewhere. */
    private static float[] attentionMask(int batch, int width, float[] present) {
        float[] mask = new float[batch * width * width];
        for (int r = 0; r < batch; r++) {
            for (int t = 0; t < width; t++) {
                int row = (r * width + t) * width;
                for (int s = 0; s < width; s++) {
                    mask[row + s] = s <= t && present[r * width + s] > 0 ? 0f : MASKED;
                }
            }
        }
        return mask;
    }

    private static NDArray layerNorm(NDArray x, NDArray gain, NDArray bias) {
        NDArray centred = x.sub(x.mean(new int[]{-1}, true));
        NDArray deviation = centred.square().mean(new int[]{-1}, true).add(EPSILON).sqrt();
        return centred.div(deviation).mul(gain).add(bias);
    }

    private static NDArray drop(NDManager scope, NDArray x, Dropout dropout, int batch, int width) {
        long size = x.getShape().get(2);
        return dropout == null ? x : x.mul(scope.create(dropout.next(Math.toIntExact(batch * width * size)), new Shape(batch, width, size)));
    }

    private NDArray weight(String name, float[] values, Shape shape) {
        NDArray weight = manager.create(values, shape);
        weights.add(weight);
        names.add(name);
        return weight;
    }

    private static float[] gaussian(Random random, int rows, int columns) {
        float[] values = new float[rows * columns];
        double scale = 1.0 / Math.sqrt(columns);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private static float[] ones(int size) {
        float[] values = new float[size];
        java.util.Arrays.fill(values, 1f);
        return values;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Dropout masks from a seeded generator: each call a fresh mask of the given size, kept entries scaled by {@code 1/(1-rate)}. */
    static final class Dropout {

        private final Random random;
        private final float rate;

        Dropout(Random random, float rate) {
            this.random = random;
            this.rate = rate;
        }

        float[] next(int size) {
            float[] mask = new float[size];
            float kept = 1f / (1f - rate);
            for (int i = 0; i < size; i++) {
                mask[i] = random.nextFloat() < rate ? 0f : kept;
            }
            return mask;
        }
    }
}
