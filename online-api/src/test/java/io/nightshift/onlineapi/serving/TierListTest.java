package io.nightshift.onlineapi.serving;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TierListTest {

    @Test
    @DisplayName("live log-scores reach shoppers as each item's sum relative to the best, even far from the epoch")
    void liveScoresAreRelativeSums() {
        double far = 1e6; // the log-score of an event decades after the epoch: its plain sum would overflow
        List<ScoredItem> logScores = List.of(new ScoredItem("a", far + Math.log(8)), new ScoredItem("b", far + Math.log(4)),
                new ScoredItem("c", far + Math.log(2)));

        List<ScoredItem> served = TierList.live(Tier.POPULAR, Instant.now(), logScores).items();

        assertThat(served).extracting(ScoredItem::productId).containsExactly("a", "b", "c");
        assertThat(served.get(0).score()).isEqualTo(1.0);
        assertThat(served.get(1).score()).isCloseTo(0.5, within(1e-9));
        assertThat(served.get(2).score()).isCloseTo(0.25, within(1e-9));
    }
}
