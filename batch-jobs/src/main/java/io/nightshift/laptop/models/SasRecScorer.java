package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A trained {@link SasRec} network as the evaluation and the lists see it. An input is a sequence,
 * oldest first (a "for you" history, or one item on a product page); its scores are the network's
 * next-item logits after the input's last {@code length} items.
 *
 * <p>A product page's list ({@link NeighbourRows}) is the most likely next items after that product
 * alone, scored by their softmax probability (always positive). Products are read in blocks of
 * {@link #blockSize()} one-item inputs and the last block is kept, so walking the catalog in order
 * runs the network once per block, never holding an {@code n x n} matrix.
 */
final class SasRecScorer implements ItemScorer, NeighbourRows {

    /** Inputs per forward pass: bounds the activations ({@code rows x length x d} per array) whatever the block. */
    static final int FORWARD_ROWS = 256;

    private final SasRecNetwork network;
    private final int n;
    private int cachedFrom = -1;
    private float[] cached;

    /** Takes ownership of the network (closed with this scorer). */
    SasRecScorer(SasRecNetwork network) {
        this.network = network;
        this.n = network.itemCount();
    }

    @Override
    public int itemCount() {
        return n;
    }

    @Override
    public float[] score(List<int[]> inputs) {
        float[] scores = new float[inputs.size() * n];
        for (int from = 0; from < inputs.size(); from += FORWARD_ROWS) {
            List<int[]> part = inputs.subList(from, Math.min(inputs.size(), from + FORWARD_ROWS));
            float[] block = forward(part);
            System.arraycopy(block, 0, scores, from * n, block.length);
        }
        return scores;
    }

    /** The logits after each input's last item: the inputs left-padded to the longest (at most the network's length). */
    private float[] forward(List<int[]> inputs) {
        int rows = inputs.size();
        int width = 1;
        for (int[] input : inputs) {
            width = Math.max(width, Math.min(network.length(), input.length));
        }
        long[] indices = new long[rows * width];
        float[] present = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int[] input = inputs.get(r);
            int kept = Math.min(width, input.length);
            for (int j = 0; j < kept; j++) {
                int slot = r * width + width - kept + j;
                indices[slot] = input[input.length - kept + j];
                present[slot] = 1f;
            }
        }
        try (NDManager scope = network.manager().newSubManager()) {
            NDArray outputs = network.forward(scope, rows, width, indices, present, null);
            NDArray last = outputs.get(new NDIndex(":, -1, :"));
            return network.logits(scope, last).toFloatArray();
        }
    }

    @Override
    public SparseScorer.Top top(int item, int k, boolean[] allowed) {
        int block = blockSize();
        int from = item / block * block;
        if (from != cachedFrom) {
            List<int[]> inputs = new ArrayList<>(block);
            for (int i = from; i < Math.min(n, from + block); i++) {
                inputs.add(new int[]{i});
            }
            cached = score(inputs);
            cachedFrom = from;
        }
        int offset = (item - from) * n;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, cached[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(cached[offset + j] - max);
        }
        // The k best allowed items other than the query: a min-heap of k, ties to the lower index.
        PriorityQueue<Integer> best = new PriorityQueue<>(k + 1, (a, b) -> {
            int byValue = Float.compare(cached[offset + a], cached[offset + b]);
            return byValue != 0 ? byValue : Integer.compare(b, a);
        });
        for (int j = 0; j < n; j++) {
            if (j != item && allowed[j]) {
                best.add(j);
                if (best.size() > k) {
                    best.poll();
                }
            }
        }
        int size = best.size();
        int[] items = new int[size];
        float[] scores = new float[size];
        for (int c = size - 1; c >= 0; c--) {
            int j = best.poll();
            items[c] = j;
            scores[c] = (float) (Math.exp(cached[offset + j] - max) / sum);
        }
        int positive = 0;
        while (positive < size && scores[positive] > 0) {
            positive++;
        }
        return new SparseScorer.Top(java.util.Arrays.copyOf(items, positive), java.util.Arrays.copyOf(scores, positive));
    }

    @Override
    public void close() {
        network.close();
    }
}
