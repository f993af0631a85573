package io.nightshift.schemas;

import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    @DisplayName("every source topic has a dead-letter topic that keeps records for ever")
    void everySourceHasADeadLetterTopic() {
        assertThat(Topics.all()).hasSize(Topics.sources().size() * 2);
        assertThat(Topics.all()).extracting(TopicSpec::name).contains("shop.events.v1.dlq", "reco.results.v1.dlq");
        assertThat(Topics.SHOP_EVENTS.deadLetters().retention()).isEqualTo(-1);
    }

    @Test
    @DisplayName("the catalog is compacted and the event log is kept for ever")
    void sourceOfTruthIsKept() {
        assertThat(Topics.SHOP_CATALOG.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.SHOP_EVENTS.configs()).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
        assertThat(Topics.RECO_CONTROL.partitions()).isEqualTo(1);
        // The active version's lists must outlive the results topic: compacted, never expired.
        assertThat(Topics.RECO_ACTIVE.configs()).containsEntry("cleanup.policy", "compact").containsEntry("retention.ms", "-1");
        assertThat(Topics.all()).extracting(TopicSpec::name).contains("reco.active.v1", "reco.active.v1.dlq");
    }
}
