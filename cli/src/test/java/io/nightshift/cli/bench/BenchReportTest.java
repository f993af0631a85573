package io.nightshift.cli.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        LatencySample alone = new LatencySample(new long[] {800_000, 900_000}, Duration.ofMillis(2), 0);
        LatencySample redis = new LatencySample(new long[] {500_000, 500_000}, Duration.ofMillis(1), 0);
        LatencySample redisAlone = new LatencySample(new long[] {100_000, 100_000}, Duration.ofMillis(1), 0);
        LatencySample batches = new LatencySample(new long[] {10_000_000}, Duration.ofMillis(100), 0);
        LatencySample raw = new LatencySample(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, Duration.ofMillis(1), 0);
        LatencySample fresh = new LatencySample(new long[] {400_000_000, 600_000_000}, Duration.ofSeconds(1), 1);
        ServerLatency server = PrometheusPages.between();
        List<ServingRun> runs = List.of(new ServingRun("product pages", 1, alone, server, redisAlone, "0.5–0.7"),
                new ServingRun("product pages", 16, serving, server, redis, "2.0–2.5"));

        String md = new BenchReport(Instant.parse("2026-11-26T06:00:00Z"), "2 cores", runs, batches, 500, raw, fresh).markdown();

        assertThat(md).contains("| serving p50, product pages, 1 caller (client) vs Redis HGETALL round trip, 1 caller | 800 µs | 100 µs | 8.00× |");
        assertThat(md).contains("| serving p50, product pages, 16 callers (client) vs Redis HGETALL round trip, 16 callers | 2000 µs | 500 µs | 4.00× |");
        assertThat(md).contains("| serving throughput, product pages, 16 callers vs Redis round trips, 16 callers | 1,000 req/s | 2,000 ops/s | 0.50× |");
        assertThat(md).doesNotContain("serving throughput, product pages, 1 caller");
        assertThat(md).contains("| at the server, p99 of cached tiers (bucket upper bound), product pages, 16 callers vs budget p99 5 ms"
                + " | 5000 µs | 5000 µs | 1.00× |");
        assertThat(md).contains("5,000 events/s | 10,000 events/s | 0.50× |");
        assertThat(md).contains("p95 vs target p95 1 s | 600 ms | 1000 ms | 0.60× |");
        assertThat(md).contains("2 fresh requests (1 timed out)");
        assertThat(md).contains("[benchmarks-profile.md](benchmarks-profile.md#event-intake)");
        assertThat(md).contains("[benchmarks-profile.md](benchmarks-profile.md#serving)");
        assertThat(md).contains("| product pages, 16 callers | 2.0–2.5 | all | cached tiers | 110 | 1125 µs | 4289 µs | 4984 µs | 5000 µs | 2091 µs |");
        assertThat(md).contains("| product pages, 1 caller | 0.5–0.7 | product | batch | 100 | 1000 µs | 3667 µs | 5000 µs | 5000 µs | 2000 µs |");
        assertThat(md).contains("| product pages, 1 caller | 0.5–0.7 | all | whole request | 111 | n/a | n/a | n/a | n/a | 3009 µs |");
    }

    @Test
    void theComposedForYouRunHasItsRowsAndSaysHowItsAnswersWereChecked() {
        LatencySample composed = new LatencySample(new long[] {1_000_000, 1_200_000}, Duration.ofMillis(3), 0);
        LatencySample redisAlone = new LatencySample(new long[] {100_000, 100_000}, Duration.ofMillis(1), 0);
        LatencySample batches = new LatencySample(new long[] {10_000_000}, Duration.ofMillis(100), 0);
        LatencySample raw = new LatencySample(new long[] {1, 1}, Duration.ofMillis(1), 0);
        LatencySample fresh = new LatencySample(new long[] {400_000_000}, Duration.ofSeconds(1), 0);
        ServingRun run = new ServingRun("\"for you\", composed", 1, composed, PrometheusPages.between(), redisAlone, "0.5–0.7")
                .withNote("checked in Redis after the run: of 200 shoppers, 0 have a list of their own");

        String md = new BenchReport(Instant.parse("2026-12-05T03:00:00Z"), "2 cores", List.of(run), batches, 500, raw, fresh).markdown();

        assertThat(md).contains("| serving p99, \"for you\", composed, 1 caller (client) vs Redis HGETALL round trip, 1 caller | 1200 µs | 100 µs | 12.00× |");
        assertThat(md).contains("| at the server, p99 of cached tiers (bucket upper bound), \"for you\", composed, 1 caller vs budget p99 5 ms |");
        assertThat(md).contains("| \"for you\", composed, 1 caller | 0.5–0.7 | all | cached tiers |");
        assertThat(md).contains("\"for you\", composed, 1 caller: checked in Redis after the run: of 200 shoppers, 0 have a list of their own.");
    }

    @Test
    void theQuickPageCarriesTheComposedForYouRunWhenThereIsOne() {
        LatencySample serving = new LatencySample(new long[] {2_000_000, 2_000_000}, Duration.ofMillis(2), 0);
        LatencySample redis = new LatencySample(new long[] {500_000, 500_000}, Duration.ofMillis(1), 0);
        LatencySample composed = new LatencySample(new long[] {1_000_000, 1_200_000}, Duration.ofMillis(3), 0);
        LatencySample redisAlone = new LatencySample(new long[] {100_000, 100_000}, Duration.ofMillis(1), 0);
        ServerLatency server = PrometheusPages.between();
        CapacityReport capacity = new CapacityReport(null, null, List.of(new RedisMemory.Result(20, 2880, 400, 480)), List.of());

        String md = new QuickReport(Instant.parse("2026-12-05T03:00:00Z"), "2 cores", new ServingRun("product pages", 16, serving, server, redis, "2.0–2.5"),
                new ServingRun("\"for you\", composed", 1, composed, server, redisAlone, "0.5–0.7").withNote("checked in Redis"), capacity).markdown();

        assertThat(md).contains("| serving p99, \"for you\", composed, 1 caller (client) vs Redis HGETALL round trip, 1 caller | 1200 µs | 100 µs | 12.00× |");
        assertThat(md).contains("| at the server, p99 of cached tiers (bucket upper bound), \"for you\", composed, 1 caller vs budget p99 5 ms | 5000 µs | 5000 µs | 1.00× |");
        assertThat(md).contains("2 requests \"for you\", composed, 1 caller (0 failed)");
        assertThat(md).contains("\"for you\", composed, 1 caller: checked in Redis.");
    }

    @Test
    void theCloudBoxRunsFollowTheWholeStacksUnderTheirOwnLabelWithHowTheyWerePinned() {
        LatencySample serving = new LatencySample(new long[] {2_000_000, 2_000_000}, Duration.ofMillis(2), 0);
        LatencySample pinned = new LatencySample(new long[] {1_000_000, 1_000_000}, Duration.ofMillis(1), 0);
        LatencySample redis = new LatencySample(new long[] {500_000, 500_000}, Duration.ofMillis(1), 0);
        LatencySample batches = new LatencySample(new long[] {10_000_000}, Duration.ofMillis(100), 0);
        LatencySample raw = new LatencySample(new long[] {1, 1}, Duration.ofMillis(1), 0);
        LatencySample fresh = new LatencySample(new long[] {400_000_000}, Duration.ofSeconds(1), 0);
        ServerLatency server = PrometheusPages.between();
        String label = "product pages, cloud box alone (API + Redis on core 1)";
        CloudBoxRuns cloud = new CloudBoxRuns(List.of(new ServingRun(label, 16, pinned, server, redis, "1.0–1.2")),
                "the online API (pid 7, 50 of 50 threads on it) and Redis (pid 8) on core 1; the rest on core 0", null);

        String md = new BenchReport(Instant.parse("2026-12-05T02:00:00Z"), "2 cores",
                List.of(new ServingRun("product pages", 16, serving, server, redis, "2.0–2.5")), batches, 500, raw, fresh, cloud).markdown();

        assertThat(md).contains("| serving throughput, product pages, 16 callers vs Redis round trips, 16 callers | 1,000 req/s | 2,000 ops/s | 0.50× |");
        assertThat(md).contains("| serving throughput, " + label + ", 16 callers vs Redis round trips, 16 callers | 2,000 req/s | 2,000 ops/s | 1.00× |");
        assertThat(md.indexOf("serving throughput, " + label)).isGreaterThan(md.indexOf("serving throughput, product pages, 16 callers"));
        assertThat(md).contains("| " + label + ", 16 callers | 1.0–1.2 | all | cached tiers |");
        assertThat(md).contains("Cloud box alone, the shape of a production cloud server on this machine: the online API (pid 7");

        String skipped = new BenchReport(Instant.parse("2026-12-05T02:00:00Z"), "1 core",
                List.of(new ServingRun("product pages", 16, serving, server, redis, "2.0–2.5")), batches, 500, raw, fresh,
                CloudBoxRuns.skipped("taskset (util-linux) is not on the PATH")).markdown();
        assertThat(skipped).contains("Cloud box alone (the API and Redis alone on one core, as on a production cloud server): skipped, "
                + "taskset (util-linux) is not on the PATH.");
        assertThat(skipped).doesNotContain("cloud box alone (API");
    }
}
