package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Families;
import io.nightshift.laptop.models.ModelFamily;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Offline HR@10 / NDCG@10 of every family on the shared public datasets, with issue 8's protocol:
 * parameters chosen on the validation split, then measured once on the test split. Minutes of CPU,
 * so only on request: {@code ./mvnw -B verify -pl batch-jobs -Dtest=PublicDatasetsBenchmark
 * -Dnightshift.bench=true [-Dnightshift.bench.dataset=beauty|groceries] [-Dnightshift.bench.families=ease,...]
 * [-Dnightshift.bench.selected=true]}; the last adds one selection over all those families, a winner per task as the
 * laptop serves them, measured on the test split.
 */
@EnabledIfSystemProperty(named = "nightshift.bench", matches = "true")
class PublicDatasetsBenchmark {

    @Test
    void groceries() {
        run("groceries", PublicDatasets.GROCERIES);
    }

    @Test
    void beauty() {
        run("beauty", PublicDatasets.BEAUTY);
    }

    private static void run(String name, Path file) {
        String only = System.getProperty("nightshift.bench.dataset", "");
        assumeThat(only.isEmpty() || only.equals(name)).isTrue();
        assumeThat(Files.exists(file)).as(file + " is absent").isTrue();
        long load = System.nanoTime();
        Dataset data = name.equals("groceries") ? PublicDatasets.groceries(file) : PublicDatasets.sequences(file);
        LeaveLastOut test = LeaveLastOut.test(data);
        System.out.printf(Locale.ROOT, "%n== %s: %d users, %d items, %d interactions, %d test users (loaded in %d ms)%n", name,
                data.users().size(), data.itemCount(), data.interactionCount(), test.cases().size(), (System.nanoTime() - load) / 1_000_000);
        List<String> wanted = List.of(System.getProperty("nightshift.bench.families", "popularity,itemknn,blend,ease,lowrank-softmax").split(","));
        for (ModelFamily<?> family : Families.all(settings(wanted))) {
            if (!wanted.contains(family.name())) {
                continue;
            }
            long start = System.nanoTime();
            ModelSelection.Outcome chosen = ModelSelection.select(data, List.of(family), Duration.parse(System.getProperty("nightshift.bench.budget", "PT30M")),
                    line -> System.err.println("  " + line));
            ModelSelection.Trial result = ModelSelection.trial(chosen.best().configuration(), test);
            System.err.printf(Locale.ROOT, "RESULT %s %-16s related HR@10 %.4f NDCG@10 %.4f | personal HR@10 %.4f NDCG@10 %.4f | %s"
                            + " | validation NDCG@10 %.4f / %.4f | %.1f s%n",
                    name, family.name(), result.related().hitRate(), result.related().ndcg(), result.personal().hitRate(),
                    result.personal().ndcg(), result.parameters(), chosen.best().related().ndcg(), chosen.best().personal().ndcg(),
                    (System.nanoTime() - start) / 1e9);
        }
        if (Boolean.getBoolean("nightshift.bench.selected")) {
            selected(name, data, test, wanted);
        }
    }

    /** The laptop's defaults with exactly the wanted families enabled, those off by default (sasrec) included. */
    private static Families.Settings settings(List<String> wanted) {
        Families.Settings defaults = Families.Settings.defaults();
        return new Families.Settings(java.util.Set.copyOf(wanted), defaults.maxDenseItems(), defaults.easeLambdas(), defaults.seed(),
                defaults.epochs());
    }

    /**
     * What the laptop would serve: one selection over all the wanted families, a winner per task as
     * {@code SelectionTrainer} takes them, each measured once on the test split.
     */
    private static void selected(String name, Dataset data, LeaveLastOut test, List<String> wanted) {
        List<ModelFamily<?>> families = Families.all(settings(wanted));
        ModelSelection.Outcome outcome = ModelSelection.select(data, families, Duration.parse(System.getProperty("nightshift.bench.budget", "PT30M")),
                line -> { });
        ModelSelection.Trial related = ModelSelection.trial(outcome.bestRelated().configuration(), test);
        ModelSelection.Trial personal = ModelSelection.trial(outcome.bestPersonal().configuration(), test);
        System.err.printf(Locale.ROOT, "SELECTED %s related %s: validation NDCG@10 %.4f, test HR@10 %.4f NDCG@10 %.4f"
                        + " | personal %s: validation NDCG@10 %.4f, test HR@10 %.4f NDCG@10 %.4f%n", name,
                related.configuration(), outcome.bestRelated().related().ndcg(), related.related().hitRate(), related.related().ndcg(),
                personal.configuration(), outcome.bestPersonal().personal().ndcg(), personal.personal().hitRate(), personal.personal().ndcg());
    }
}
