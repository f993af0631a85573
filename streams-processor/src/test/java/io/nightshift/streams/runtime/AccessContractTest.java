package io.nightshift.streams.runtime;

import io.nightshift.infra.local.settings.ApplicationYaml;
import io.nightshift.schemas.access.KafkaAccess;
import io.nightshift.streams.analystlog.EventLogSettings;
import io.nightshift.streams.features.EventFeatures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams processor's groups, application ids, transactional ids and internal topics, as its
 * default settings make them, are the ones its Kafka principal is granted ({@link KafkaAccess}):
 * a mismatch would only show as authorization errors on a secured cluster.
 */
class AccessContractTest {

    @Test
    void theDefaultNamesFallUnderTheStreamsProcessorsGrant() {
        Binder binder = ApplicationYaml.binder();
        StreamsSettings streams = binder.bindOrCreate("nightshift.streams", StreamsSettings.class);
        EventLogSettings eventLog = binder.bindOrCreate("nightshift.eventlog", EventLogSettings.class);
        StreamsRuntime runtime = new StreamsRuntime(null, streams, null, null);
        var grant = KafkaAccess.STREAMS_PROCESSOR;

        for (String applicationId : new String[]{streams.applicationId(), runtime.featuresApplicationId(0), runtime.featuresApplicationId(7)}) {
            assertThat(grant.ownsGroup(applicationId)).as(applicationId).isTrue();
            // Exactly-once transactional ids and internal topics start with the application id.
            assertThat(grant.transactionalIdPrefixes()).anyMatch(applicationId::startsWith);
            assertThat(grant.ownTopicPrefixes()).anyMatch((applicationId + "-")::startsWith);
            assertThat(grant.ownTopicPrefixes()).anyMatch(EventFeatures.byProductTopic(applicationId)::startsWith);
        }
        assertThat(grant.ownsGroup(streams.applicationId() + "-replay-requests")).isTrue();
        assertThat(grant.ownsGroup(eventLog.groupId())).as(eventLog.groupId()).isTrue();
        assertThat(grant.ownsGroup(Generations.name(eventLog.groupId(), 3))).isTrue();
        assertThat(KafkaAccess.LAPTOP.ownsGroup(eventLog.groupId())).isFalse();
    }
}
