package io.nightshift.cli.referee;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One model (or the served path) on one task of one split.
 *
 * @param users    test users evaluated
 * @param hitRate  HR@k averaged over them
 * @param ndcg     NDCG@k averaged over them
 * @param coverage share of the catalog that appears in at least one top-k list
 * @param tiers    for served lists: the share of answers per tier that answered; empty offline
 * @param elapsed  time spent answering (training not included)
 */
public record QualityReport(String model, Task task, int k, int users, double hitRate, double ndcg, double coverage,
                            Map<String, Double> tiers, Duration elapsed) {

    public QualityReport {
        tiers = Map.copyOf(tiers);
    }

    /** The same numbers under another model name (one that says how the model was tuned for this task). */
    public QualityReport named(String name) {
        return new QualityReport(name, task, k, users, hitRate, ndcg, coverage, tiers, elapsed);
    }

    public String describe() {
        String line = String.format("%-12s %-8s users %,7d  HR@%d %.4f  NDCG@%d %.4f  coverage@%d %.4f  (%.1f s)",
                model, task.wire(), users, k, hitRate, k, ndcg, k, coverage, elapsed.toMillis() / 1000.0);
        if (tiers.isEmpty()) {
            return line;
        }
        return line + "  tiers " + tiers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format("%s %.1f%%", e.getKey(), 100 * e.getValue())).collect(Collectors.joining(", "));
    }
}
