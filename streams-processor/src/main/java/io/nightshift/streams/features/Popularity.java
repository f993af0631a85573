package io.nightshift.streams.features;

import java.nio.ByteBuffer;

/**
 * One product's popularity in {@value EventFeatures#POPULARITY}: ln of the sum of its
 * interactions' decayed weights ({@link DecaySettings}).
 *
 * <p>Encoded as a marker byte and the log-sum (9 bytes). Releases before the log-space scores
 * stored the plain sum as an 8-byte double (Kafka's double serde) in the same store and
 * changelog; such a value is read as its logarithm, which is exactly the log-sum of the same
 * events against the same epoch, so an upgrade needs no replay. A stored value that is no usable
 * number (a plain sum that overflowed to ∞, NaN, a log of +∞) is a data error: reported by
 * {@link UnusableScores} and read as empty, so the product starts again from its next interaction
 * (a {@code ./nightshift replay} recounts it whole).
 */
record Popularity(double logSum) {

    static final Popularity NONE = new Popularity(LogSum.EMPTY);

    private static final byte LOG_FORMAT = 'L';
    private static final int LEGACY_LENGTH = Double.BYTES;

    Popularity plus(double logIncrement) {
        return new Popularity(LogSum.plus(logSum, logIncrement));
    }

    byte[] encode() {
        return ByteBuffer.allocate(1 + Double.BYTES).put(LOG_FORMAT).putDouble(logSum).array();
    }

    static Popularity decode(String productId, byte[] stored) {
        if (stored == null) {
            return NONE;
        }
        if (stored.length == LEGACY_LENGTH) {
            double plain = ByteBuffer.wrap(stored).getDouble();
            if (plain == 0) {
                return NONE;
            }
            if (!(plain > 0) || Double.isInfinite(plain)) {
                UnusableScores.report("popular", productId, "unusable-legacy-state", plain);
                return NONE;
            }
            return new Popularity(Math.log(plain));
        }
        if (stored.length == 1 + Double.BYTES && stored[0] == LOG_FORMAT) {
            double logSum = ByteBuffer.wrap(stored, 1, Double.BYTES).getDouble();
            if (!LogSum.usable(logSum)) {
                UnusableScores.report("popular", productId, "unusable-state", logSum);
                return NONE;
            }
            return new Popularity(logSum);
        }
        UnusableScores.report("popular", productId, "unreadable-state", Double.NaN);
        return NONE;
    }
}
