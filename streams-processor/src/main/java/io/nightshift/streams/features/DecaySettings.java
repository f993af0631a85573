package io.nightshift.streams.features;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Instant;

/**
 * How fast interactions fade from the features ({@code nightshift.features.*}).
 *
 * <p>Every score is a sum of {@code weight × 2^((occurredAt − epoch) / halfLife)}: an event's
 * contribution is fixed by its own timestamp against a fixed epoch, never by when it was
 * processed. Sums commute, so replaying the same events in any order or partition interleaving
 * gives the same scores (up to floating-point rounding), and nothing is rewritten periodically:
 * an older event is simply worth exponentially less than a newer one, which is what decay means
 * when scores are only compared with each other.
 *
 * <p>Every sum is kept as its natural logarithm (log-sum-exp, see {@link LogSum}): the exponent
 * {@code (occurredAt − epoch) / halfLife · ln 2} is at most a few hundred thousand for any time a
 * four-digit year can name, so scores stay finite for ever, for events in 1900 as for events in
 * 2200. The plain sum overflowed a double about 1000 half-lives past the epoch (around 2034 at
 * the 3-day default, at once for an event dated 2099). Popular and trending are written to Redis
 * as these logarithms: ln is monotone, so the order of the sorted sets is the order of the plain
 * sums. An event from long ago counts with a vanishingly small weight, never refused, so the
 * features count exactly the events the PostgreSQL log stores.
 *
 * @param epoch             the fixed reference time of every score
 * @param popularHalfLife   after this long an interaction weighs half as much in {@code popular}
 * @param trendingHalfLife  the "recent" window of trending
 * @param baselineHalfLife  the baseline trending compares the recent window with; longer than {@code trendingHalfLife}
 * @param trendingLift      how much the recent/baseline ratio counts against plain recent volume (0 = recent volume only)
 */
@ConfigurationProperties("nightshift.features")
public record DecaySettings(
        @DefaultValue("2026-01-01T00:00:00Z") Instant epoch,
        @DefaultValue("3d") Duration popularHalfLife,
        @DefaultValue("1d") Duration trendingHalfLife,
        @DefaultValue("14d") Duration baselineHalfLife,
        @DefaultValue("1.0") double trendingLift) {

    private static final double LN2 = Math.log(2);

    public DecaySettings {
        if (epoch == null) {
            throw new IllegalArgumentException("nightshift.features.epoch must be set (an ISO instant, e.g. 2026-01-01T00:00:00Z)");
        }
        requirePositive(popularHalfLife, "popular-half-life");
        requirePositive(trendingHalfLife, "trending-half-life");
        requirePositive(baselineHalfLife, "baseline-half-life");
        if (baselineHalfLife.compareTo(trendingHalfLife) <= 0) {
            throw new IllegalArgumentException("nightshift.features.baseline-half-life (" + baselineHalfLife
                    + ") must be longer than trending-half-life (" + trendingHalfLife + ")");
        }
        if (!(trendingLift >= 0) || Double.isInfinite(trendingLift)) {
            throw new IllegalArgumentException("nightshift.features.trending-lift must be a number >= 0, was " + trendingLift);
        }
    }

    /** The demo's defaults. */
    public static DecaySettings defaults() {
        return new DecaySettings(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(3), Duration.ofDays(1),
                Duration.ofDays(14), 1.0);
    }

    /** The same half-lives against another epoch; tests use the time of their events so weights stay readable. */
    public DecaySettings withEpoch(Instant newEpoch) {
        return new DecaySettings(newEpoch, popularHalfLife, trendingHalfLife, baselineHalfLife, trendingLift);
    }

    /** ln of what one interaction adds to {@code popular}. */
    double logPopular(double weight, Instant occurredAt) {
        return Math.log(weight) + halfLives(occurredAt, popularHalfLife) * LN2;
    }

    /** ln of what one interaction adds to the recent (trending) sum. */
    double logRecent(double weight, Instant occurredAt) {
        return Math.log(weight) + halfLives(occurredAt, trendingHalfLife) * LN2;
    }

    /** ln of what one interaction adds to the baseline sum. */
    double logBaseline(double weight, Instant occurredAt) {
        return Math.log(weight) + halfLives(occurredAt, baselineHalfLife) * LN2;
    }

    private double halfLives(Instant occurredAt, Duration halfLife) {
        return (double) (occurredAt.toEpochMilli() - epoch.toEpochMilli()) / halfLife.toMillis();
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("nightshift.features." + name + " must be a positive duration (e.g. 1d), was " + value);
        }
    }
}
