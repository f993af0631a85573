package io.nightshift.schemas.access;

import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaAccessTest {

    @Test
    void theLaptopReadsAndWritesWhatTheIssueAllowsAndNothingElse() {
        assertThat(KafkaAccess.LAPTOP.reads())
                .containsExactlyInAnyOrder("shop.events.v1", "shop.catalog.v1", "reco.requests.v1", "reco.control.v1", "shop.erasures.v1");
        assertThat(KafkaAccess.LAPTOP.writes()).containsExactlyInAnyOrder("reco.results.v1", "reco.control.v1", "laptop.heartbeat.v1",
                "reco.requests.v1.dlq", "reco.control.v1.dlq");
        assertThat(KafkaAccess.LAPTOP.transactionalIdPrefixes()).isEmpty();
        assertThat(KafkaAccess.LAPTOP.ownTopicPrefixes()).isEmpty();
        assertThat(KafkaAccess.LAPTOP.groupOperations()).containsExactly(AclOperation.READ);
    }

    @Test
    void everyTopicHasAWriterAndEverySourceHasAReaderAmongTheApplications() {
        Set<String> written = KafkaAccess.grants().stream().flatMap(grant -> grant.writes().stream()).collect(Collectors.toSet());
        Set<String> read = KafkaAccess.grants().stream().flatMap(grant -> grant.reads().stream()).collect(Collectors.toSet());
        List<String> every = Topics.all().stream().map(TopicSpec::name).toList();

        assertThat(written).containsExactlyInAnyOrderElementsOf(every);
        // The dead-letter topics too: the online API reads their tail for the owner's console.
        assertThat(read).containsExactlyInAnyOrderElementsOf(every);
    }

    @Test
    void theOnlineApiReadsEveryDeadLetterTopicAndWritesNone() {
        List<String> deadLetters = Topics.sources().stream().map(topic -> topic.deadLetters().name()).toList();
        assertThat(KafkaAccess.ONLINE_API.reads()).containsAll(deadLetters);
        assertThat(KafkaAccess.ONLINE_API.writes()).doesNotContainAnyElementsOf(deadLetters);
    }

    @Test
    void noTwoPartiesShareAGroupPrefixAndOwnedTopicsNeverCoverThePlatformsTopics() {
        for (KafkaGrant grant : KafkaAccess.grants()) {
            for (KafkaGrant other : KafkaAccess.grants()) {
                if (grant != other) {
                    grant.groupPrefixes().forEach(prefix -> assertThat(other.ownsGroup(prefix)).as(prefix).isFalse());
                }
            }
            for (String prefix : grant.ownTopicPrefixes()) {
                assertThat(Topics.all()).noneMatch(topic -> topic.name().startsWith(prefix));
            }
        }
    }

    @Test
    void aclsAreLiteralForSharedTopicsAndPrefixedForGroupsTransactionsAndOwnTopics() {
        List<AclBinding> streams = KafkaAccess.STREAMS_PROCESSOR.aclBindings();

        assertThat(streams).allMatch(binding -> binding.entry().principal().equals("User:streams-processor"));
        assertThat(streams).filteredOn(binding -> binding.pattern().resourceType() == ResourceType.TRANSACTIONAL_ID)
                .extracting(binding -> binding.entry().operation())
                .containsExactlyInAnyOrder(AclOperation.WRITE, AclOperation.DESCRIBE);
        assertThat(streams).filteredOn(binding -> binding.pattern().patternType() == PatternType.PREFIXED
                        && binding.pattern().resourceType() == ResourceType.TOPIC)
                .singleElement()
                .satisfies(binding -> assertThat(binding.pattern().name()).isEqualTo("nightshift-streams-"));
        assertThat(KafkaAccess.aclBindings()).filteredOn(binding -> binding.pattern().resourceType() == ResourceType.TOPIC
                        && binding.pattern().patternType() == PatternType.LITERAL)
                .allMatch(binding -> Topics.all().stream().anyMatch(topic -> topic.name().equals(binding.pattern().name())));
    }
}
