package io.nightshift.streams.features;

/**
 * Sums kept as their natural logarithm, so a sum of exponentially growing terms never overflows:
 * {@code ln(e^a + e^b)} computed as {@code max + ln(1 + e^−|a−b|)}. The empty sum is
 * {@link Double#NEGATIVE_INFINITY} (ln 0).
 */
final class LogSum {

    static final double EMPTY = Double.NEGATIVE_INFINITY;

    private LogSum() {
    }

    static double plus(double a, double b) {
        if (a == EMPTY) {
            return b;
        }
        if (b == EMPTY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** A usable log-sum: finite, or empty. NaN and +∞ are data errors (see {@link UnusableScores}). */
    static boolean usable(double logSum) {
        return logSum == EMPTY || Double.isFinite(logSum);
    }
}
