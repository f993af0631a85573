package io.nightshift.infra.local.bench;

import java.time.Instant;
import java.util.Locale;

/**
 * The benchmark results as a Markdown page: every figure next to its same-run baseline and
 * the ratio between them, so a slower machine changes both sides and the ratio stays telling.
 */
public record BenchReport(Instant when, String machine, int concurrency,
                          LatencySample serving, LatencySample redis,
                          LatencySample intakeBatches, int intakeBatchSize, LatencySample rawProducer,
                          LatencySample fresh) {

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `./nightshift bench` on ").append(when).append(" (").append(machine).append(").\n");
        md.append("Each figure is paired with a baseline measured in the same run on the same machine; the ratio\n");
        md.append("is what to compare across machines. Latencies are client-side over loopback, so they include\n");
        md.append("the HTTP client and the server's whole request path. ").append(concurrency)
                .append(" concurrent callers, each one request at a time.\n\n");
        md.append("| measure | Nightshift | baseline (same run) | ratio |\n| --- | ---: | ---: | ---: |\n");
        for (double q : new double[] {0.50, 0.95, 0.99}) {
            String p = "p" + Math.round(q * 100);
            row(md, "serving " + p + " (GET recommendations) vs Redis HGETALL round trip",
                    micros(serving.percentileMicros(q)), micros(redis.percentileMicros(q)),
                    serving.percentileMicros(q) / redis.percentileMicros(q));
        }
        row(md, "serving throughput vs Redis round trips", perSecond(serving.perSecond()) + " req/s",
                perSecond(redis.perSecond()) + " ops/s", serving.perSecond() / redis.perSecond());
        double intake = intakeBatches.perSecond() * intakeBatchSize;
        row(md, "event intake (POST /api/v1/events, batches of " + intakeBatchSize + ") vs raw idempotent producer, acks=all",
                perSecond(intake) + " events/s", perSecond(rawProducer.perSecond()) + " events/s", intake / rawProducer.perSecond());
        row(md, "fresh request → list in Redis, p50 (laptop worker + streams loader) vs target p95 1 s",
                millis(fresh.percentileMicros(0.5)), "1000 ms", fresh.percentileMicros(0.5) / 1000 / 1000);
        row(md, "fresh request → list in Redis, p95 vs target p95 1 s",
                millis(fresh.percentileMicros(0.95)), "1000 ms", fresh.percentileMicros(0.95) / 1000 / 1000);
        md.append("\nCounts: ").append(serving.count()).append(" serving requests (").append(serving.failures())
                .append(" failed), ").append(redis.count()).append(" Redis reads, ")
                .append(intakeBatches.count() * intakeBatchSize).append(" events through the API (")
                .append(intakeBatches.failures()).append(" batches failed), ").append(rawProducer.count())
                .append(" events through the raw producer, ").append(fresh.count()).append(" fresh requests (")
                .append(fresh.failures()).append(" timed out).\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String what, String measured, String baseline, double ratio) {
        md.append("| ").append(what).append(" | ").append(measured).append(" | ").append(baseline).append(" | ")
                .append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f×", ratio) : "n/a").append(" |\n");
    }

    private static String micros(double micros) {
        return Double.isFinite(micros) ? String.format(Locale.ROOT, "%.0f µs", micros) : "n/a";
    }

    private static String millis(double micros) {
        return Double.isFinite(micros) ? String.format(Locale.ROOT, "%.0f ms", micros / 1000) : "n/a";
    }

    private static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%,.0f", rate);
    }
}
