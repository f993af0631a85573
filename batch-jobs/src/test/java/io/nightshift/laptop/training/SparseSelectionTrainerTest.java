package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.ItemKnn;
import io.nightshift.laptop.models.SequentialKnn;
import io.nightshift.laptop.models.SyntheticCatalog;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SparseSelectionTrainerTest {

    private static final int PRODUCTS = 5_000;
    private static final int DENSE_LIMIT = 1_000;

    @Test
    @DisplayName("above the dense limit selection still applies: an item-item winner whose product lists come from its sparse rows")
    void selectionAboveTheDenseLimit() {
        SyntheticCatalog catalog = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(PRODUCTS), 3);
        Dataset data = catalog.data();
        LaptopProperties.Selection selection = new LaptopProperties.Selection(
                List.of("popularity", "itemknn", "seqknn", "ease", "lowrank-softmax"), DENSE_LIMIT, List.of(8.0), 42L, 1,
                Duration.ofMinutes(1), 0.0, 1, 2_000);
        SelectionTrainer trainer = new SelectionTrainer(new Candidates(selection, new LaptopProperties.Memory(null, null, 0.25)), Duration.ofMinutes(1), 2_000, 50);
        assertThat(trainer.applies(data)).isTrue();

        Set<String> available = new HashSet<>(data.items());
        available.remove("p1");
        RelatedItemsModel model = trainer.train(new TrainingInput(data, available, List.of(), "", Instant.EPOCH, family -> "v1-" + family));

        assertThat(model.family()).isIn(ItemKnn.NAME, SequentialKnn.NAME);
        Map<String, List<ScoredItem>> lists = model.neighbours();
        assertThat(lists).doesNotContainKey("p1").containsKey("p0");
        int same = 0;
        int total = 0;
        for (int item = 0; item < 200; item++) {
            List<ScoredItem> list = lists.getOrDefault("p" + item, List.of());
            assertThat(list).hasSizeLessThanOrEqualTo(50).extracting(ScoredItem::productId).doesNotContain("p" + item, "p1");
            assertThat(list).extracting(ScoredItem::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            for (ScoredItem neighbour : list.subList(0, Math.min(10, list.size()))) {
                total++;
                if (catalog.categoryOf()[Integer.parseInt(neighbour.productId().substring(1))] == catalog.categoryOf()[item]) {
                    same++;
                }
            }
        }
        assertThat(same / (double) total).as("top-10 neighbours in the product's category").isGreaterThan(0.6);
    }
}
