package io.nightshift.infra.local.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {

    @Test
    void percentilesFollowTheNearestRankMethod() {
        LatencySample sample = new LatencySample(LongStream.rangeClosed(1, 100).map(i -> i * 1_000).toArray(), Duration.ofSeconds(1), 0);
        assertThat(sample.percentileMicros(0.50)).isEqualTo(50.0);
        assertThat(sample.percentileMicros(0.99)).isEqualTo(99.0);
        assertThat(sample.percentileMicros(1.0)).isEqualTo(100.0);
        assertThat(sample.perSecond()).isEqualTo(100.0);
    }

    @Test
    void everyFigureStandsNextToItsBaselineAndTheRatio() {
        LatencySample serving = new LatencySample(new long[] {2_000_000, 2_000_000}, Duration.ofMillis(2), 0);
        LatencySample redis = new LatencySample(new long[] {500_000, 500_000}, Duration.ofMillis(1), 0);
        LatencySample batches = new LatencySample(new long[] {10_000_000}, Duration.ofMillis(100), 0);
        LatencySample raw = new LatencySample(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, Duration.ofMillis(1), 0);
        LatencySample fresh = new LatencySample(new long[] {400_000_000, 600_000_000}, Duration.ofSeconds(1), 1);
        String md = new BenchReport(Instant.parse("2026-11-26T06:00:00Z"), "2 cores", 16, serving, redis, batches, 500, raw, fresh).markdown();
        assertThat(md).contains("| serving p50 (GET recommendations) vs Redis HGETALL round trip | 2000 µs | 500 µs | 4.00× |");
        assertThat(md).contains("5,000 events/s | 10,000 events/s | 0.50× |");
        assertThat(md).contains("p95 vs target p95 1 s | 600 ms | 1000 ms | 0.60× |");
        assertThat(md).contains("2 fresh requests (1 timed out)");
    }
}
