package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.evaluation.LeaveLastOut;
import io.nightshift.laptop.evaluation.ModelSelection;
import io.nightshift.laptop.models.BprFactors;
import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Ials;
import io.nightshift.laptop.models.SyntheticCatalog;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Above the dense limit (lowered to 300 products here) with a validation split, the factor families
 * are measured in selection like the others, instead of the BPR factor model being trained and
 * published unmeasured; the version's lineage names the winner and the gate trains it again from it.
 */
class FactorSelectionTest {

    private static final int PRODUCTS = 1_000;
    private static final int DENSE_LIMIT = 300;
    private static final LaptopProperties.Factors FACTORS = new LaptopProperties.Factors(true, 16, 3, Duration.ofMinutes(1), 0.05,
            0.0001, 3, 1_000);

    private final SyntheticCatalog catalog = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(PRODUCTS), 3);
    private final Dataset data = catalog.data();

    @Test
    @DisplayName("above the dense limit selection measures ials and bpr-factors, and the winner's lineage trains it again for the gate")
    void factorFamiliesAreMeasured() {
        Candidates candidates = candidates(List.of("popularity", "ials", "bpr-factors"));
        // The fallback factor model has no embedding files here: routing to it instead of selection would fail the test.
        FactorTrainer fallback = new FactorTrainer(null, FACTORS, 42, DENSE_LIMIT, candidates::memory);
        TrainModelTasklet.Trainers trainers = new TrainModelTasklet.Trainers(
                new SelectionTrainer(candidates, Duration.ofMinutes(2), 1_000, 20), fallback, null, DENSE_LIMIT);

        RelatedItemsModel model = trainers.train(input());

        assertThat(model.hasEmbeddings()).as("selected, not the unmeasured fallback").isFalse();
        assertThat(model.family()).isIn(Ials.NAME, BprFactors.NAME);
        assertThat(model.version()).isEqualTo("v1-" + model.family());
        assertThat(model.metrics().get("validation.trials")).as("every family tried at least once").isGreaterThanOrEqualTo(3);
        assertThat(model.metrics().get("validation.related.ndcg10")).isPositive();
        assertSameCategory(model);
        assertGateCanMeasure(candidates, model);
    }

    @Test
    @DisplayName("a bpr-factors winner carries neighbour lists from its embeddings and its lineage trains the same configuration again")
    void bprWinnerRoundTrips() {
        Candidates candidates = candidates(List.of("bpr-factors"));
        RelatedItemsModel model = new SelectionTrainer(candidates, Duration.ofMinutes(2), 1_000, 20).train(input());

        assertThat(model.family()).isEqualTo(BprFactors.NAME);
        assertThat(model.hasEmbeddings()).isFalse();
        assertThat(model.parameters()).containsEntry("factors", "16").containsEntry("epochs", "3").containsEntry("personal.family", BprFactors.NAME);
        assertThat(model.neighbours()).isNotEmpty().doesNotContainKey("p1");
        assertGateCanMeasure(candidates, model);
    }

    private Candidates candidates(List<String> families) {
        LaptopProperties.Selection selection = new LaptopProperties.Selection(families, DENSE_LIMIT, List.of(8.0), 42L, 2,
                Duration.ofMinutes(2), 0.0, 1, 1_000);
        return new Candidates(selection, new LaptopProperties.Memory(null, null, 0.25), FACTORS);
    }

    private TrainingInput input() {
        Set<String> available = new HashSet<>(data.items());
        available.remove("p1");
        return new TrainingInput(data, available, List.of(), "", Instant.EPOCH, family -> "v1-" + family);
    }

    /** What the gate does: the configurations read back from the lineage, trained on the test split's training part and measured. */
    private void assertGateCanMeasure(Candidates candidates, RelatedItemsModel model) {
        Configuration<?> related = candidates.configurationOf(model).orElseThrow();
        assertThat(related.name()).isEqualTo(model.family());
        assertThat(related.parameters().asLineage()).isEqualTo(PersonalConfiguration.related(model.parameters()));
        Configuration<?> personal = candidates.personalConfigurationOf(model).orElseThrow();
        assertThat(personal.name()).isEqualTo(model.parameters().get("personal.family"));
        ModelSelection.Trial trial = ModelSelection.trial(related, LeaveLastOut.test(data).sample(500));
        assertThat(trial.related().ndcg()).isPositive();
    }

    /** The winner's product lists: most of the 200 most popular products' top-10 neighbours share their category. */
    private void assertSameCategory(RelatedItemsModel model) {
        int same = 0;
        int total = 0;
        for (int item = 0; item < 200; item++) {
            List<ScoredItem> list = model.neighbours().getOrDefault("p" + item, List.of());
            assertThat(list).hasSizeLessThanOrEqualTo(20).extracting(ScoredItem::productId).doesNotContain("p" + item, "p1");
            assertThat(list).extracting(ScoredItem::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            for (ScoredItem neighbour : list.subList(0, Math.min(10, list.size()))) {
                total++;
                same += catalog.categoryOf()[Integer.parseInt(neighbour.productId().substring(1))] == catalog.categoryOf()[item] ? 1 : 0;
            }
        }
        assertThat(total).isPositive();
        assertThat(same / (double) total).as("top-10 neighbours in the product's category").isGreaterThan(0.5);
    }
}
