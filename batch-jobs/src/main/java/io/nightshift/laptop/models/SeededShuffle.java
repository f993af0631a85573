package io.nightshift.laptop.models;

import java.util.Random;

/** Fisher–Yates with the caller's seeded generator: the gradient-descent families' visiting order, reproducible run to run. */
final class SeededShuffle {

    private SeededShuffle() {
    }

    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
