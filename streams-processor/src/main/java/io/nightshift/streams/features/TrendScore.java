package io.nightshift.streams.features;

/**
 * One product's trending state: the log of its decayed recent and baseline sums (both scaled to
 * the fixed epoch, see {@link DecaySettings}) and what was last written to its category's sorted set.
 *
 * <p>The trending score is {@code ln(R · (R/B)^lift)} where R and B are the recent and baseline
 * sums: recent volume, boosted by how far the recent rate is above the product's own baseline.
 * Scaled to the epoch, the true sums at any time T are {@code R·e^(−T/τr)} and
 * {@code B·e^(−T/τb)}; the factors depend only on T, the same for every product, so ordering by
 * the scaled score is ordering by the true one at every moment, and a product nobody touches keeps
 * a correct rank without being rewritten. The plain ratio R/B would put any product with a
 * single fresh view on top (its ratio is 1); weighting by recent volume is the smoothing.
 *
 * <p>Sums are kept as logarithms (log-sum-exp), so they never overflow however far from the epoch.
 *
 * @param category   the category whose sorted set holds the written score, or {@code null} before the first write
 * @param writtenAt  wall-clock millis of the last write to Redis (to notice an expired sorted set)
 */
record TrendScore(double logRecent, double logBaseline, double written, String category, long writtenAt) {

    static final TrendScore NONE = new TrendScore(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, null, 0);

    TrendScore add(double logRecentIncrement, double logBaselineIncrement) {
        return new TrendScore(logSumExp(logRecent, logRecentIncrement), logSumExp(logBaseline, logBaselineIncrement),
                written, category, writtenAt);
    }

    double score(double lift) {
        return (1 + lift) * logRecent - lift * logBaseline;
    }

    TrendScore written(double score, String inCategory, long at) {
        return new TrendScore(logRecent, logBaseline, score, inCategory, at);
    }

    String encode() {
        // The category is the only free text, so it goes last and may contain the separator.
        return logRecent + ";" + logBaseline + ";" + written + ";" + writtenAt + ";" + (category == null ? "" : category);
    }

    static TrendScore decode(String stored) {
        if (stored == null) {
            return NONE;
        }
        String[] parts = stored.split(";", 5);
        return new TrendScore(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
                parts[4].isEmpty() ? null : parts[4], Long.parseLong(parts[3]));
    }

    private static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
