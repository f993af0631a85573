package io.nightshift.cli.referee;

import io.nightshift.cli.importer.ImportFormat;
import io.nightshift.cli.importer.Importer;
import io.nightshift.cli.importer.SharedDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Locale;

/**
 * The tuned iALS baseline alone on a shared dataset, as {@code ./nightshift eval} computes it,
 * with every validation trial printed: for docs/quality.md. Opt-in (minutes on Beauty):
 * <pre>
 * ./mvnw -B -o verify -pl cli -am -DskipITs -Dtest=IalsReferenceBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dnightshift.referee.bench=beauty     (or groceries)
 * </pre>
 */
class IalsReferenceBenchmark {

    @Test
    @EnabledIfSystemProperty(named = "nightshift.referee.bench", matches = "beauty|groceries")
    void tunedIalsOnASharedDataset() {
        String dataset = System.getProperty("nightshift.referee.bench");
        Split split = Split.of(dataset.equals("beauty") ? SharedDatasets.beautyData().events()
                : Importer.of(ImportFormat.CSV, SharedDatasets.groceries(), SharedDatasets.groceriesMapping(), null).readAll().events());
        long started = System.nanoTime();
        IalsTuning.Tuned tuned = IalsTuning.tune(split);
        long tunedAt = System.nanoTime();
        for (IalsTuning.Trial trial : tuned.trials()) {
            System.out.printf(Locale.ROOT, "validation %s: related cosine %.4f, fold-in %.4f; personal %.4f%n", trial.params().describe(),
                    trial.related().get(Ials.Related.COSINE), trial.related().get(Ials.Related.FOLD_IN), trial.personal());
        }
        for (Task task : Task.values()) {
            Ials model = task == Task.RELATED ? tuned.related() : tuned.personal();
            System.out.println("test " + Evaluation.evaluate(split, model, task).named(model.name(task)).describe());
        }
        System.out.printf(Locale.ROOT, "%s: tuning and refit %.1f s, test evaluation %.1f s, %d cores%n", dataset,
                (tunedAt - started) / 1e9, (System.nanoTime() - tunedAt) / 1e9, Runtime.getRuntime().availableProcessors());
    }
}
