package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

/**
 * How many floating-point operations per second this machine's engine gives the dense kernels the
 * cubic families train with, measured now (the laptop's load and device decide it, not a constant):
 * the best of a few inverses of a 1,024 × 1,024 matrix (smaller ones run well below the rate of a
 * catalog-sized inverse), the kernel of EASE, on the engine's device.
 */
public final class KernelRate {

    private static final int SIZE = 1024;
    private static final int REPEATS = 3;

    private KernelRate() {
    }

    /** Operations per second; 0 when the engine cannot run (then nothing is judged by time). */
    public static double operationsPerSecond() {
        float[] values = new float[SIZE * SIZE];
        Random random = new Random(SIZE);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        for (int i = 0; i < SIZE; i++) {
            values[i * SIZE + i] += SIZE; // well conditioned, like a regularised Gram matrix
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray matrix = manager.create(values, new Shape(SIZE, SIZE));
            invert(matrix); // the first call loads and plans; it is not what a trial pays
            long best = Long.MAX_VALUE;
            for (int r = 0; r < REPEATS; r++) {
                long start = System.nanoTime();
                invert(matrix);
                best = Math.min(best, System.nanoTime() - start);
            }
            return 2.0 * SIZE * SIZE * SIZE / (Math.max(best, 1) / 1e9);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return 0;
        }
    }

    private static void invert(NDArray matrix) {
        try (NDArray inverse = matrix.inverse()) {
            inverse.getFloat(0, 0); // waits for the device
        }
    }
}
