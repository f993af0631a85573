package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.evaluation.ModelSelection;
import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Ease;
import io.nightshift.laptop.models.ItemKnn;
import io.nightshift.laptop.models.MemoryBudget;
import io.nightshift.laptop.models.MemoryEstimate;
import io.nightshift.laptop.models.ModelFamily;
import io.nightshift.laptop.models.Popularity;
import io.nightshift.laptop.models.SequentialKnn;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Families that do not fit the memory are skipped, with the reason in the version's lineage; real families, real training. */
class MemorySkipTest {

    private static final List<String> FAMILIES = List.of("popularity", "seqknn", "itemknn", "ease");

    private final Dataset data = shop(300, 600, 8);

    @Test
    @DisplayName("model selection skips a family whose estimate exceeds the budget and says why, and trains the others")
    void selectionSkipsWhatDoesNotFit() {
        List<ModelFamily<?>> families = List.of(new Popularity(), new ItemKnn(20_000), new Ease(new double[]{8}));
        MemoryBudget budget = new MemoryBudget(Long.MAX_VALUE, nativeOf(new SequentialKnn(20_000), new SequentialKnn.Parameters(0.5f, 10, 0.7f)));

        ModelSelection.Outcome outcome = ModelSelection.select(data, families, Duration.ofMinutes(1), 1000, budget, line -> { });

        // EASE's inverse needs more than the item-item matrix; ItemKNN's pruned points do too, its unpruned one does not.
        assertThat(outcome.skipped()).containsOnlyKeys("ease");
        assertThat(outcome.skipped().get("ease")).matches("needs ~\\d+ (KB|MB) native memory, \\d+ (KB|MB) free");
        assertThat(outcome.trials()).extracting(ModelSelection.Trial::family).contains("popularity", "itemknn").doesNotContain("ease");
        assertThat(outcome.trials()).<Object>extracting(t -> t.configuration().parameters()).containsOnlyOnce(new ItemKnn.Parameters(10, 500))
                .doesNotContain(new ItemKnn.Parameters(10, 100));
    }

    @Test
    @DisplayName("the selected version's lineage names each family skipped for memory and why")
    void lineageSaysWhy() {
        long seqknn = nativeOf(new SequentialKnn(20_000), new SequentialKnn.Parameters(0.5f, 10, 0.7f));
        Map<String, String> skipped = new TreeMap<>();

        Optional<RelatedItemsModel> model = trainer(null, DataSize.ofBytes(seqknn)).train(input(), skipped);

        assertThat(model).isPresent();
        assertThat(model.get().family()).isNotEqualTo("ease");
        assertThat(model.get().parameters()).containsKey("skipped.ease").doesNotContainKeys("skipped.seqknn", "skipped.popularity");
        assertThat(model.get().parameters().get("skipped.ease")).contains("native memory");
        assertThat(model.get().neighbours()).as("a dense model still makes the product lists").isNotEmpty();
    }

    @Test
    @DisplayName("when no family that makes neighbour lists fits, selection makes no model and says why for each")
    void nothingDenseFits() {
        Map<String, String> skipped = new TreeMap<>();

        Optional<RelatedItemsModel> model = trainer(DataSize.ofKilobytes(64), null).train(input(), skipped);

        assertThat(model).isEmpty();
        assertThat(skipped).containsKeys("skipped.seqknn", "skipped.itemknn", "skipped.ease");
        assertThat(skipped.get("skipped.ease")).matches("needs ~\\d+ MB heap, \\d+ KB free");
    }

    private <P extends io.nightshift.laptop.models.Hyperparameters> long nativeOf(ModelFamily<P> family, P parameters) {
        MemoryEstimate estimate = new Configuration<>(family, parameters).estimate(data.itemCount(), data.sequences());
        return estimate.nativeBytes();
    }

    private SelectionTrainer trainer(DataSize heapLimit, DataSize nativeLimit) {
        LaptopProperties.Selection selection = new LaptopProperties.Selection(FAMILIES, 20_000, List.of(8.0), 42, 2,
                Duration.ofMinutes(1), 0, 1, 1000);
        return new SelectionTrainer(new Candidates(selection, new LaptopProperties.Memory(heapLimit, nativeLimit, 0)),
                Duration.ofMinutes(1), 1000, 50);
    }

    private TrainingInput input() {
        return new TrainingInput(data, new HashSet<>(data.items()), List.of(), "test", Instant.EPOCH, family -> "v1-" + family);
    }

    /** Shoppers browsing within one of ten clusters of a catalog. */
    private static Dataset shop(int items, int users, int length) {
        Random random = new Random(5);
        Dataset.Builder builder = new Dataset.Builder();
        int clusters = 10;
        for (int u = 0; u < users; u++) {
            int cluster = u % clusters;
            for (int t = 0; t < length; t++) {
                builder.add("u" + u, "p" + (cluster + clusters * random.nextInt(items / clusters)));
            }
        }
        return builder.build();
    }
}
