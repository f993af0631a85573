package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.models.Blend;
import io.nightshift.laptop.models.Dataset;
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

class BlendSelectionTrainerTest {

    @Test
    @DisplayName("a blend winner serves product pages from its blended rows and names itself for the \"for you\" lists")
    void blendServesBothTasks() {
        Dataset data = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(300), 7).data();
        LaptopProperties.Selection selection = new LaptopProperties.Selection(List.of(Blend.NAME), 20_000, List.of(8.0), 42L, 1,
                Duration.ofMinutes(1), 0.0, 1, 2_000);
        Candidates candidates = new Candidates(selection, new LaptopProperties.Memory(null, null, 0.25));
        SelectionTrainer trainer = new SelectionTrainer(candidates, Duration.ofMinutes(1), 2_000, 20);

        Set<String> available = new HashSet<>(data.items());
        available.remove("p1");
        RelatedItemsModel model = trainer.train(new TrainingInput(data, available, List.of(), "", Instant.EPOCH, family -> "v1-" + family));

        assertThat(model.family()).isEqualTo(Blend.NAME);
        Map<String, List<ScoredItem>> lists = model.neighbours();
        assertThat(lists).doesNotContainKey("p1").hasSize(available.size());
        for (Map.Entry<String, List<ScoredItem>> entry : lists.entrySet()) {
            // The prior fills every list: a product without neighbours still gets the popular ones.
            assertThat(entry.getValue()).hasSize(20).extracting(ScoredItem::productId).doesNotContain(entry.getKey(), "p1");
            assertThat(entry.getValue()).extracting(ScoredItem::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        }
        assertThat(candidates.personalConfigurationOf(model)).hasValueSatisfying(configuration ->
                assertThat(configuration.name()).isEqualTo(Blend.NAME));
    }
}
