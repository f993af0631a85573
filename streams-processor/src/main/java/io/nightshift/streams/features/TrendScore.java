package io.nightshift.streams.features;

/**
 * One product's trending state: the log of its decayed recent and baseline sums (both scaled to
 * the fixed epoch, see {@link DecaySettings}) and the category whose sorted set holds its score.
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
 * @param category the category whose sorted set holds the product's score, or {@code null} before the first write
 */
record TrendScore(double logRecent, double logBaseline, String category) {

    static final TrendScore NONE = new TrendScore(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, null);

    /** Marks the current encoding; the first one began with a number, never with this. */
    private static final String FORMAT = "t2";

    TrendScore add(double logRecentIncrement, double logBaselineIncrement) {
        return new TrendScore(LogSum.plus(logRecent, logRecentIncrement), LogSum.plus(logBaseline, logBaselineIncrement), category);
    }

    double score(double lift) {
        return (1 + lift) * logRecent - lift * logBaseline;
    }

    TrendScore in(String writtenTo) {
        return new TrendScore(logRecent, logBaseline, writtenTo);
    }

    String encode() {
        // The category is the only free text, so it goes last and may contain the separator.
        return FORMAT + ";" + logRecent + ";" + logBaseline + ";" + (category == null ? "" : category);
    }

    /** Whether both sums are usable numbers; a trend read from state that is not is a data error. */
    boolean usable() {
        return LogSum.usable(logRecent) && LogSum.usable(logBaseline);
    }

    /** The same category with empty sums: what a product whose sums were unusable starts again from. */
    TrendScore reset() {
        return new TrendScore(LogSum.EMPTY, LogSum.EMPTY, category);
    }

    static TrendScore decode(String stored) {
        if (stored == null) {
            return NONE;
        }
        if (stored.startsWith(FORMAT + ";")) {
            String[] parts = stored.split(";", 4);
            return new TrendScore(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), parts[3].isEmpty() ? null : parts[3]);
        }
        // The first encoding, still in the state of an application that ran before the upgrade:
        // logRecent;logBaseline;written;writtenAt;category (the last write is no longer needed).
        String[] parts = stored.split(";", 5);
        return new TrendScore(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), parts[4].isEmpty() ? null : parts[4]);
    }
}
