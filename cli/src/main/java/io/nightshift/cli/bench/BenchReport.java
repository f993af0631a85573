package io.nightshift.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark results as a Markdown page: every figure next to its same-run baseline and
 * the ratio between them, so a slower machine changes both sides and the ratio stays telling.
 * Serving is shown from both ends: as the callers saw it and as the API's own timer saw it.
 *
 * @param serving runs of serving load, in the order they ran
 */
public record BenchReport(Instant when, String machine, List<ServingRun> serving,
                          LatencySample intakeBatches, int intakeBatchSize, LatencySample rawProducer,
                          LatencySample fresh) {

    /** The latency budget for cached tiers, at the server. */
    static final Duration SERVER_P99_BUDGET = Duration.ofMillis(5);

    private static final double[] QUANTILES = {0.50, 0.95, 0.99};

    public BenchReport {
        serving = List.copyOf(serving);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `./nightshift bench` on ").append(when).append(" (").append(machine).append(").\n");
        md.append("Each figure is paired with a baseline measured in the same run on the same machine; the ratio\n");
        md.append("is what to compare across machines. Client-side latencies are taken by the load generator over\n");
        md.append("loopback, so they include the HTTP client, waiting for a core and the server's whole request path.\n");
        md.append("\"At the server\" is the online API's own serving timer (`").append(ServerLatency.SERVING_TIMER)
                .append("`), read from\n`/actuator/prometheus` before and after each run. Callers are closed loops: each sends its next\n");
        md.append("request when the previous one is answered.\n\n");
        md.append("| measure | Nightshift | baseline (same run) | ratio |\n| --- | ---: | ---: | ---: |\n");
        for (ServingRun run : serving) {
            for (double q : QUANTILES) {
                row(md, "serving " + p(q) + ", " + run.label() + " (client) vs Redis HGETALL round trip, " + callers(run.callers()),
                        micros(run.client().percentileMicros(q)), micros(run.redis().percentileMicros(q)),
                        run.client().percentileMicros(q) / run.redis().percentileMicros(q));
            }
            if (run.callers() > 1) {
                row(md, "serving throughput, " + run.label() + " vs Redis round trips, " + callers(run.callers()),
                        perSecond(run.client().perSecond()) + " req/s", perSecond(run.redis().perSecond()) + " ops/s",
                        run.client().perSecond() / run.redis().perSecond());
            }
        }
        double budgetMicros = SERVER_P99_BUDGET.toNanos() / 1_000.0;
        for (ServingRun run : serving) {
            double p99 = run.server().cached().quantileUpperBound(0.99) * 1e6;
            row(md, "at the server, p99 of cached tiers (bucket upper bound), " + run.label() + " vs budget p99 "
                    + SERVER_P99_BUDGET.toMillis() + " ms", micros(p99), micros(budgetMicros), p99 / budgetMicros);
        }
        double intake = intakeBatches.perSecond() * intakeBatchSize;
        row(md, "event intake (POST /api/v1/events, batches of " + intakeBatchSize + ") vs raw idempotent producer, acks=all",
                perSecond(intake) + " events/s", perSecond(rawProducer.perSecond()) + " events/s", intake / rawProducer.perSecond());
        row(md, "fresh request → list in Redis, p50 (laptop worker + streams loader) vs target p95 1 s",
                millis(fresh.percentileMicros(0.5)), "1000 ms", fresh.percentileMicros(0.5) / 1000 / 1000);
        row(md, "fresh request → list in Redis, p95 vs target p95 1 s",
                millis(fresh.percentileMicros(0.95)), "1000 ms", fresh.percentileMicros(0.95) / 1000 / 1000);
        md.append("\nCounts: ");
        for (ServingRun run : serving) {
            md.append(run.client().count()).append(" requests ").append(run.label()).append(" (")
                    .append(run.client().failures()).append(" failed) against ").append(run.redis().count())
                    .append(" Redis reads; ");
        }
        md.append(intakeBatches.count() * intakeBatchSize).append(" events through the API (")
                .append(intakeBatches.failures()).append(" batches failed), ").append(rawProducer.count())
                .append(" events through the raw producer, ").append(fresh.count()).append(" fresh requests (")
                .append(fresh.failures()).append(" timed out).\n");
        md.append("\nWhere event intake spends its time, profiled with JFR before and after its fixes: [benchmarks-profile.md](benchmarks-profile.md#event-intake).\n");
        serverTable(md);
        return md.toString();
    }

    private void serverTable(StringBuilder md) {
        md.append("\n## At the server, per run and tier\n\n");
        md.append("From the bucket deltas of `").append(ServerLatency.SERVING_TIMER)
                .append("` (controller entry to answer, before the JSON is\n");
        md.append("written), interpolated inside the bucket as Prometheus' `histogram_quantile` does; \"p99 ≤\" is the\n");
        md.append("upper bound of the bucket holding p99, never an underestimate. \"whole request\" is `")
                .append(ServerLatency.HTTP_TIMER).append("`\nover the recommendation endpoints (filters and JSON writing included); its quantiles show only\n");
        md.append("when the API publishes buckets for it, otherwise n/a and only the mean.\n\n");
        md.append("| run | load avg (1 min) | endpoint | tier | answers | p50 | p95 | p99 | p99 ≤ | mean |\n");
        md.append("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ServingRun run : serving) {
            String prefix = "| " + run.label() + " | " + run.loadAverage() + " | ";
            serverRow(md, prefix + "all | cached tiers | ", run.server().cached());
            for (Map.Entry<ServerLatency.Series, Histogram> series : run.server().busiestFirst()) {
                serverRow(md, prefix + series.getKey().endpoint() + " | " + series.getKey().tier() + " | ", series.getValue());
            }
            serverRow(md, prefix + "all | whole request | ", run.server().wholeRequest());
        }
    }

    private static void serverRow(StringBuilder md, String prefix, Histogram h) {
        md.append(prefix).append(String.format(Locale.ROOT, "%.0f", h.count())).append(" | ");
        for (double q : QUANTILES) {
            md.append(micros(h.quantile(q) * 1e6)).append(" | ");
        }
        md.append(micros(h.quantileUpperBound(0.99) * 1e6)).append(" | ").append(micros(h.mean() * 1e6)).append(" |\n");
    }

    private static void row(StringBuilder md, String what, String measured, String baseline, double ratio) {
        md.append("| ").append(what).append(" | ").append(measured).append(" | ").append(baseline).append(" | ")
                .append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f×", ratio) : "n/a").append(" |\n");
    }

    private static String p(double q) {
        return "p" + Math.round(q * 100);
    }

    private static String callers(int callers) {
        return callers + (callers == 1 ? " caller" : " callers");
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
