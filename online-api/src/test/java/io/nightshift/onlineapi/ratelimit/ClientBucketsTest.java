package io.nightshift.onlineapi.ratelimit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ClientBucketsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @Test
    @DisplayName("a client may burst, is then held to the rate, and is told how long to wait")
    void burstThenRate() {
        var buckets = new ClientBuckets(2, 3, 100, 60 * SECOND, clock::get);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).isZero();
        }
        assertThat(buckets.take("a")).isBetween(1L, SECOND / 2);
        assertThat(buckets.take("b")).as("another client has its own bucket").isZero();
        clock.addAndGet(SECOND / 2);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isPositive();
    }

    @Test
    @DisplayName("idle clients are evicted, so memory stays bounded; a flood beyond max-clients shares one bucket")
    void boundedMemory() {
        var buckets = new ClientBuckets(1, 2, 3, 60 * SECOND, clock::get);
        buckets.take("a");
        buckets.take("b");
        buckets.take("c");
        assertThat(buckets.size()).isEqualTo(3);

        // Nobody is idle yet: d and e land in the shared overflow bucket (burst 2), the third overflow request waits.
        assertThat(buckets.take("d")).isZero();
        assertThat(buckets.take("e")).isZero();
        assertThat(buckets.take("f")).isPositive();
        assertThat(buckets.size()).isEqualTo(4);

        // After two seconds every bucket is full again: the next new client sweeps them away.
        clock.addAndGet(2 * SECOND);
        assertThat(buckets.take("g")).isZero();
        assertThat(buckets.size()).isEqualTo(1);
    }
}
