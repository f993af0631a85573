package io.nightshift.cli.bench;

import java.util.List;
import java.util.Locale;

/**
 * The measurements of how close the data paths come to the machine under them, as a Markdown
 * section: the replay against a bare consumer, Redis bytes per list and per product, and
 * whole-catalog scoring against a plain matrix product. Each with its same-run baseline or target.
 *
 * @param replay    the replay through the streams processor, or null when this run skipped it
 * @param rawRead   the bare consumer over the same topics (null with {@code replay})
 * @param memory    one version per list length
 * @param scoring   one catalog size each, smallest first
 */
public record CapacityReport(ReplayRate.Result replay, ReplayRate.Result rawRead, List<RedisMemory.Result> memory,
                             List<ScoringRuns.Result> scoring) {

    public CapacityReport {
        memory = List.copyOf(memory);
        scoring = List.copyOf(scoring);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("\n## Replay, Redis memory and whole-catalog scoring\n\n");
        md.append("| measure | Nightshift | baseline or target (same run) | ratio |\n| --- | ---: | ---: | ---: |\n");
        if (replay != null) {
            row(md, "replay (Kafka → Redis features + PostgreSQL event log) vs a bare KafkaConsumer over the same topics",
                    rate(replay.perSecond()) + " records/s", rate(rawRead.perSecond()) + " records/s", replay.perSecond() / rawRead.perSecond());
            row(md, "replay vs target 50,000 records/s", rate(replay.perSecond()) + " records/s", "50,000 records/s",
                    replay.perSecond() / 50_000);
        }
        for (RedisMemory.Result list : memory) {
            row(md, "Redis `MEMORY USAGE` of a product list of " + list.length() + " (mean of up to 200 keys) vs "
                            + (list.length() <= 20 ? "target 1 KiB per list of 20" : "1 KiB (the target is for lists of 20)"),
                    bytes(list.listBytes()), "1,024 B", list.listBytes() / 1024);
            row(md, "Redis used_memory growth per product, version of " + list.products() + " lists of " + list.length()
                    + " vs that list's own `MEMORY USAGE`", bytes(list.perProduct()), bytes(list.listBytes()), list.perProduct() / list.listBytes());
        }
        for (ScoringRuns.Result size : scoring) {
            row(md, "scoring, " + "%,d".formatted(size.products()) + " products × 64, top 50" + slice(size)
                            + " (Embeddings.neighbours) vs plain DJL matrix product, same shapes",
                    rate(size.scoring()) + " scores/s", rate(size.plain()) + " scores/s", size.ratio());
        }
        if (!scoring.isEmpty()) {
            md.append("\nScoring memory per catalog size (each size in its own JVM, `-Xmx1g`): resident memory right before the\n");
            md.append("timed scoring (the JVM and the table, products × 64 float32, on the heap and natively) and how far it rose\n");
            md.append("while scoring (`VmHWM` after resetting it, minus the resident memory before): the scoring's own working memory.\n\n");
            md.append("| products | query rows | table | resident before scoring | growth while scoring | heap used after |\n");
            md.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (ScoringRuns.Result size : scoring) {
                md.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %s | %s | %s |%n", size.products(), size.queryRows(),
                        mib(size.table()), mib(size.rssBefore()), mib(size.rssGrowth()), mib(size.heapUsed())));
            }
        }
        md.append("\nMethod: ");
        if (replay != null) {
            md.append("the replay is asked for through the admin API (`./nightshift replay`'s path) and timed from its request to\n");
            md.append("the streams processor's caught-up report, both as the replay reports them (it checks every 250 ms, and the time\n");
            md.append("includes emptying the projections: a lower bound on its rate); the bare consumer reads the same topics (").append(topics())
                    .append(") from their beginning. Where the replay spends its time, profiled before and after its fixes:\n")
                    .append("[benchmarks-profile.md](benchmarks-profile.md#replay).\n");
        }
        md.append("Redis lists are whole model versions sent to `reco.results.v1` as the laptop sends them and staged by the streams\n");
        md.append("processor's loader (never activated), measured by Redis itself. Scoring runs the laptop's own code from its jar:\n");
        md.append("blocks of 256 products against the whole catalog in column blocks of at most 100,000 products and 32 MB of scores,\n");
        md.append("each block's scores read in place from the engine by a streaming top-K on both cores, top 50 per product, against\n");
        md.append("query rows × the table's transpose in blocks of at most 64 MB of scores; a scores/s rate is query rows × products\n");
        md.append("per second. Where the query rows are fewer than the products, a slice of the catalog's lists was computed,\n");
        md.append("against the whole catalog, so the time stays within the benchmark's budget on 2 cores. Where scoring spends its\n");
        md.append("time, profiled before and after its fix: [benchmarks-profile.md](benchmarks-profile.md#whole-catalog-scoring).\n\n");
        md.append("The in-process kernels under these figures (the list codec, the laptop's top-K, the API's fallback resolution) are\n");
        md.append("measured by JMH against baselines of the same run, outside this command:\n");
        md.append("`./mvnw -B -Pjmh -pl feature-store,batch-jobs,online-api -am verify -DskipTests` writes each module's\n");
        md.append("`target/jmh-result.json`; one run's figures are in [benchmarks-profile.md](benchmarks-profile.md#kernels-jmh).\n");
        return md.toString();
    }

    private static String topics() {
        return String.join(", ", ReplayRate.TOPICS.stream().map(t -> "`" + t.name() + "`").toList());
    }

    private static String slice(ScoringRuns.Result size) {
        return size.queryRows() >= size.products() ? ", whole catalog" : ", lists of " + "%,d".formatted(size.queryRows()) + " products";
    }

    private static void row(StringBuilder md, String what, String measured, String baseline, double ratio) {
        md.append("| ").append(what).append(" | ").append(measured).append(" | ").append(baseline).append(" | ")
                .append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f×", ratio) : "n/a").append(" |\n");
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String bytes(double bytes) {
        return String.format(Locale.ROOT, "%,.0f B", bytes);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" :  String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }
}
