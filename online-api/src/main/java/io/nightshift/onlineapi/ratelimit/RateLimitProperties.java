package io.nightshift.onlineapi.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Per-client token buckets on the public endpoints ({@code /api/v1/**} except the admin API,
 * which has its token). A client is its IP address.
 *
 * @param enabled            off: no limit (load benchmarks from one address turn it off)
 * @param requestsPerSecond  the sustained rate each client may keep up
 * @param burst              how many requests a client may make at once after being idle (the bucket's size)
 * @param trustForwardedFor  take the client from the last {@code X-Forwarded-For} entry, i.e. the address the
 *                           proxy in front of us saw; only behind exactly one such proxy, else clients could pick
 *                           their own identity
 * @param maxClients         buckets kept at most; idle (full) buckets are dropped first, and beyond this new
 *                           clients share one bucket, so memory stays bounded under a flood of addresses
 * @param sweepEvery         how often idle buckets are dropped
 */
@ConfigurationProperties("nightshift.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") double requestsPerSecond,
        @DefaultValue("200") int burst,
        @DefaultValue("false") boolean trustForwardedFor,
        @DefaultValue("100000") int maxClients,
        @DefaultValue("1m") Duration sweepEvery) {

    RateLimitProperties {
        if (requestsPerSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("nightshift.rate-limit: requests-per-second must be > 0, burst and max-clients >= 1; got "
                    + requestsPerSecond + ", " + burst + ", " + maxClients);
        }
    }
}
