package io.nightshift.cli.referee;

import java.util.ArrayList;
import java.util.List;

/**
 * The classical baselines every evaluation reports next to the model under test, on the same
 * split: popularity and ItemKNN cosine (shrink {@value ItemKnn#DEFAULT_SHRINK}, {@value ItemKnn#DEFAULT_NEIGHBOURS}
 * neighbours), each on both tasks.
 */
public final class Baselines {

    private Baselines() {
    }

    public static List<QualityReport> evaluate(Split split) {
        List<QualityReport> reports = new ArrayList<>();
        for (Scorer scorer : List.of(Popularity.fit(split), ItemKnn.fit(split))) {
            for (Task task : Task.values()) {
                reports.add(Evaluation.evaluate(split, scorer, task));
            }
        }
        return reports;
    }
}
