package io.nightshift.onlineapi.serving;

import io.nightshift.schemas.Tier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServingHistoryTest {

    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private final AtomicLong millis = new AtomicLong(START.toEpochMilli());

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }

    private final StepClock clock = new StepClock();
    private final ServingHistory history = new ServingHistory(clock, Duration.ofMinutes(1), 360);

    private static long ms(double millis) {
        return Math.round(millis * 1_000_000);
    }

    @Test
    @DisplayName("answers are counted per tier in the minute they happen; a new minute starts a new bucket")
    void rollover() {
        history.record(Tier.BATCH, ms(2));
        history.record(Tier.BATCH, ms(2));
        history.record(Tier.POPULAR, ms(3));
        clock.advance(Duration.ofSeconds(59));
        history.record(Tier.FRESH, ms(1));
        clock.advance(Duration.ofSeconds(1));
        history.record(Tier.LAST_KNOWN_GOOD, ms(1));

        var buckets = history.history().buckets();
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).start()).isEqualTo(START);
        assertThat(buckets.get(0).answers()).isEqualTo(4);
        assertThat(buckets.get(0).tiers()).containsEntry("batch", 2L).containsEntry("fresh", 1L).containsEntry("popular", 1L)
                .containsEntry("trending", 0L).containsKeys("last-known-good");
        assertThat(buckets.get(1).start()).isEqualTo(START.plusSeconds(60));
        assertThat(buckets.get(1).tiers()).containsEntry("last-known-good", 1L).containsEntry("batch", 0L);
    }

    @Test
    @DisplayName("the p95 lies where 95 of 100 answers are faster, within the histogram's resolution")
    void p95() {
        for (int i = 0; i < 95; i++) {
            history.record(Tier.BATCH, ms(2));
        }
        for (int i = 0; i < 5; i++) {
            history.record(Tier.BATCH, ms(80));
        }
        double p95 = history.history().buckets().getFirst().p95Millis();
        // 2 ms falls in the cell (1.6, 2.26] ms: the 95th answer is its last one.
        assertThat(p95).isBetween(1.6, 2.3);

        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 90; i++) {
            history.record(Tier.BATCH, ms(2));
        }
        for (int i = 0; i < 10; i++) {
            history.record(Tier.BATCH, ms(80));
        }
        assertThat(history.history().buckets().get(1).p95Millis()).isBetween(51.2, 90.6);
    }

    @Test
    @DisplayName("an answer slower than the last bound counts at that bound instead of being lost")
    void overflow() {
        history.record(Tier.POPULAR, Duration.ofMinutes(2).toNanos());
        double last = ServingHistory.BOUNDS_NANOS[ServingHistory.BOUNDS_NANOS.length - 1] / 1e6;
        assertThat(history.history().buckets().getFirst().p95Millis()).isCloseTo(last, within(0.001));
        assertThat(ServingHistory.histogramIndex(0)).isZero();
        assertThat(ServingHistory.histogramIndex(ServingHistory.BOUNDS_NANOS[3])).isEqualTo(3);
        assertThat(ServingHistory.histogramIndex(ServingHistory.BOUNDS_NANOS[3] + 1)).isEqualTo(4);
    }

    @Test
    @DisplayName("memory is bounded: after more than six hours only the last 360 minutes are kept, and a reused slot starts from zero")
    void bounded() {
        for (int minute = 0; minute < 400; minute++) {
            history.record(Tier.TRENDING, ms(1));
            history.record(Tier.TRENDING, ms(1));
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(-1));
        var window = history.history();
        assertThat(window.buckets()).hasSize(360);
        assertThat(window.buckets()).allSatisfy(bucket -> assertThat(bucket.answers()).isEqualTo(2));
        assertThat(window.buckets().getFirst().start()).isEqualTo(START.plus(Duration.ofMinutes(40)));
        assertThat(window.windowStart()).isEqualTo(START.plus(Duration.ofMinutes(40)));
        assertThat(window.bucketSeconds()).isEqualTo(60);

        clock.advance(Duration.ofHours(7));
        assertThat(history.history().buckets()).as("all older than the window").isEmpty();
    }

    @Test
    @DisplayName("answers counted from many threads at once are all there")
    void concurrent() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    history.record(Tier.BATCH, ms(1));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(history.history().buckets().getFirst().tiers()).containsEntry("batch", 40_000L);
    }
}
