package io.nightshift.cli.referee;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The classical baselines every evaluation reports next to the model under test, on the same
 * split, each on both tasks: popularity, ItemKNN cosine (shrink {@value ItemKnn#DEFAULT_SHRINK},
 * {@value ItemKnn#DEFAULT_NEIGHBOURS} neighbours) and iALS tuned on the validation split
 * ({@link IalsTuning}).
 */
public final class Baselines {

    private Baselines() {
    }

    /** All of them: {@link #untuned(Split)}, then {@link #tunedIals(Split)}. */
    public static List<QualityReport> evaluate(Split split) {
        List<QualityReport> reports = new ArrayList<>(untuned(split));
        reports.addAll(tunedIals(split));
        return reports;
    }

    /** Popularity and ItemKNN: seconds, even on large catalogs. */
    public static List<QualityReport> untuned(Split split) {
        List<QualityReport> reports = new ArrayList<>();
        for (Scorer scorer : List.of(Popularity.fit(split), ItemKnn.fit(split))) {
            for (Task task : Task.values()) {
                reports.add(Evaluation.evaluate(split, scorer, task));
            }
        }
        return reports;
    }

    /** iALS tuned per task, then measured on the test items; minutes on a large catalog (both cores busy). */
    public static List<QualityReport> tunedIals(Split split) {
        IalsTuning.Tuned tuned = IalsTuning.tune(split);
        List<QualityReport> reports = new ArrayList<>();
        for (Task task : Task.values()) {
            Ials model = task == Task.RELATED ? tuned.related() : tuned.personal();
            reports.add(Evaluation.evaluate(split, model, task).named(model.name(task)));
        }
        return reports;
    }

    /** Per task, the baseline with the highest NDCG@k: the reference the model under test is held to. */
    public static Map<Task, QualityReport> best(List<QualityReport> baselines) {
        Map<Task, QualityReport> best = new EnumMap<>(Task.class);
        for (Task task : Task.values()) {
            // On equal NDCG max keeps the first listed, the simpler model.
            baselines.stream().filter(report -> report.task() == task).max(Comparator.comparingDouble(QualityReport::ndcg))
                    .ifPresent(report -> best.put(task, report));
        }
        return best;
    }
}
