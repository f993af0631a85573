package io.nightshift.onlineapi.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * What the event intake accepts beyond the contract ({@code nightshift.ingest.*}). The JSON Schema
 * bounds every value and date absolutely (finite, 1970 to 2199); these narrow them to what a shop
 * can really send now.
 *
 * @param maxFuture  how far ahead of the server's clock an {@code occurredAt} may be (clock skew of a browser or a backend)
 * @param maxAge     how far back an {@code occurredAt} may be on the public intake; older history goes through the
 *                   owner's backfill intake ({@code POST /api/v1/admin/backfill/events}), which has no lower limit
 *                   but the contract's
 * @param ratingMin  the lowest value of a {@code rating} (the shop's scale)
 * @param ratingMax  the highest value of a {@code rating}
 * @param maxValue   the largest quantity or price a {@code view}, {@code add_to_cart} or {@code purchase} may carry
 *                   (those values must also be positive)
 */
@ConfigurationProperties("nightshift.ingest")
public record IngestProperties(
        @DefaultValue("5m") Duration maxFuture,
        @DefaultValue("30d") Duration maxAge,
        @DefaultValue("0") double ratingMin,
        @DefaultValue("10") double ratingMax,
        @DefaultValue("1000000") double maxValue) {

    public IngestProperties {
        if (maxFuture == null || maxFuture.isNegative()) {
            throw new IllegalArgumentException("nightshift.ingest.max-future must be a duration >= 0 (e.g. 5m), was " + maxFuture);
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("nightshift.ingest.max-age must be a positive duration (e.g. 30d), was " + maxAge);
        }
        if (!(ratingMin >= 0) || !(ratingMax > ratingMin) || ratingMax > 1_000_000_000) {
            throw new IllegalArgumentException("nightshift.ingest.rating-min and rating-max must satisfy 0 <= min < max <= 1e9, were "
                    + ratingMin + " and " + ratingMax);
        }
        if (!(maxValue > 0) || maxValue > 1_000_000_000) {
            throw new IllegalArgumentException("nightshift.ingest.max-value must be in (0, 1e9], was " + maxValue);
        }
    }

    /** The defaults, for tests that build the intake by hand. */
    public static IngestProperties defaults() {
        return new IngestProperties(Duration.ofMinutes(5), Duration.ofDays(30), 0, 10, 1_000_000);
    }
}
