package io.nightshift.cli.eval;

import io.nightshift.cli.referee.Baselines;
import io.nightshift.cli.referee.QualityReport;
import io.nightshift.cli.referee.Task;
import io.nightshift.schemas.codec.ContractCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one {@code ./nightshift eval} measured: the served path (the real HTTP API) and the
 * baselines on the same split, the batch job's own offline metrics, and where the time went.
 *
 * @param dataset        the file evaluated, as named on the command line
 * @param data           the split's counts
 * @param modelVersion   the version the batch run activated (null when no run was made)
 * @param served         the served path, one report per task
 * @param offlineMetrics the batch job's own metrics for that version; empty when it reports none
 * @param baselines      popularity, ItemKNN and tuned iALS on the same split, one report per model and task
 * @param timings        phase → wall time, in the order they ran
 */
public record EvalReport(String dataset, Instant at, String machine, DataSummary data, String modelVersion,
                         List<QualityReport> served, Map<String, Double> offlineMetrics, List<QualityReport> baselines,
                         Map<String, Duration> timings) {

    static final String NOT_REPORTED = "not reported by the batch job";

    public EvalReport {
        served = List.copyOf(served);
        offlineMetrics = Map.copyOf(offlineMetrics);
        baselines = List.copyOf(baselines);
        timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /**
     * The split as counted.
     *
     * @param interactions    after collapsing immediate repeats, test items included
     * @param testUsers       test users in the split
     * @param evaluatedUsers  test users asked (fewer with {@code --limit-users})
     * @param importedEvents  training events sent to the API
     * @param rejectedLines   lines of the file that could not be read
     */
    public record DataSummary(int users, int items, long interactions, int testUsers, int evaluatedUsers, long importedEvents,
                              long rejectedLines) {
    }

    /** A Markdown table (readable in a terminal, pasteable into docs/quality.md) with a header and footer lines. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Evaluation of %s (%s, %s)%n", dataset, at, machine));
        out.append(String.format(Locale.ROOT, "%,d users, %,d items, %,d interactions; %,d test users%s; %,d training events imported%s%n",
                data.users(), data.items(), data.interactions(), data.testUsers(),
                data.evaluatedUsers() == data.testUsers() ? "" : String.format(Locale.ROOT, " (%,d evaluated)", data.evaluatedUsers()),
                data.importedEvents(), data.rejectedLines() == 0 ? "" : String.format(Locale.ROOT, "; %,d lines rejected", data.rejectedLines())));
        out.append(String.format("model version: %s%n%n", modelVersion == null ? "none" : modelVersion));
        out.append("| model | task | HR@10 | NDCG@10 | coverage@10 | answers per tier |\n");
        out.append("| --- | --- | ---: | ---: | ---: | --- |\n");
        for (QualityReport report : rows()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f | %s |%n", label(report), report.task().wire(),
                    report.hitRate(), report.ndcg(), report.coverage(), tiers(report.tiers())));
        }
        out.append('\n');
        out.append("best baseline (NDCG@10): ").append(bestBaselines().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %s %.4f%s", e.getKey().wire(), e.getValue().model(), e.getValue().ndcg(),
                        servedOver(e.getValue()).map(ratio -> String.format(Locale.ROOT, ", served / best %.2f", ratio)).orElse("")))
                .collect(Collectors.joining("; "))).append('\n');
        out.append("batch job's offline metrics: ").append(offlineMetrics.isEmpty() ? NOT_REPORTED
                : offlineMetrics.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue())).collect(Collectors.joining(", "))).append('\n');
        out.append("time: ").append(timings.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue().toMillis() / 1000.0))
                .collect(Collectors.joining(", "))).append('\n');
        return out.toString();
    }

    /** The same numbers as one JSON object (metrics unrounded). */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataset", dataset);
        root.put("at", at.toString());
        root.put("machine", machine);
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("users", data.users());
        split.put("items", data.items());
        split.put("interactions", data.interactions());
        split.put("testUsers", data.testUsers());
        split.put("evaluatedUsers", data.evaluatedUsers());
        split.put("importedEvents", data.importedEvents());
        split.put("rejectedLines", data.rejectedLines());
        root.put("split", split);
        root.put("modelVersion", modelVersion);
        root.put("served", served.stream().map(EvalReport::json).toList());
        root.put("batchOfflineMetrics", offlineMetrics.isEmpty() ? null : new java.util.TreeMap<>(offlineMetrics));
        root.put("batchOfflineMetricsNote", offlineMetrics.isEmpty() ? NOT_REPORTED : null);
        root.put("baselines", baselines.stream().map(EvalReport::json).toList());
        Map<String, Object> best = new LinkedHashMap<>();
        bestBaselines().forEach((task, report) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", report.model());
            row.put("ndcg", report.ndcg());
            row.put("servedOverBest", servedOver(report).orElse(null));
            best.put(task.wire(), row);
        });
        root.put("bestBaseline", best);
        Map<String, Object> seconds = new LinkedHashMap<>();
        timings.forEach((phase, time) -> seconds.put(phase, time.toMillis() / 1000.0));
        root.put("seconds", seconds);
        return ContractCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** Per task, the strongest baseline by NDCG@10: the bar the served path is held to (docs/quality.md). */
    Map<Task, QualityReport> bestBaselines() {
        return Baselines.best(baselines);
    }

    /** Served NDCG@10 over the reference's, when the served path was measured on that task and the reference is above 0. */
    private Optional<Double> servedOver(QualityReport reference) {
        return served.stream().filter(report -> report.task() == reference.task() && reference.ndcg() > 0).findFirst()
                .map(report -> report.ndcg() / reference.ndcg());
    }

    private List<QualityReport> rows() {
        List<QualityReport> rows = new ArrayList<>(served);
        rows.addAll(baselines);
        return rows;
    }

    private String label(QualityReport report) {
        return served.contains(report) ? "served (HTTP API)" : report.model();
    }

    private static Map<String, Object> json(QualityReport report) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", report.model());
        row.put("task", report.task().wire());
        row.put("k", report.k());
        row.put("users", report.users());
        row.put("hitRate", report.hitRate());
        row.put("ndcg", report.ndcg());
        row.put("coverage", report.coverage());
        if (!report.tiers().isEmpty()) {
            row.put("tiers", new java.util.TreeMap<>(report.tiers()));
        }
        row.put("seconds", report.elapsed().toMillis() / 1000.0);
        return row;
    }

    static String tiers(Map<String, Double> tiers) {
        if (tiers.isEmpty()) {
            return "";
        }
        return tiers.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> String.format(Locale.ROOT, "%s %.1f%%", e.getKey(), 100 * e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
