package io.nightshift.streams.versions;

import io.nightshift.featurestore.FreshLists;
import io.nightshift.featurestore.ModelVersions;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * Computed lists into Redis, and the switch to a new model version once it is whole.
 *
 * <pre>
 * results-source ─▶ results-to-redis ─(undecodable, failed)─▶ results-dead-letters (reco.results.v1.dlq)
 *                   product batch list → stageList, user batch list → stageUserList, fresh list → putFreshList
 *
 * control-source ─▶ control-activations [pending-activations] ─┬─▶ control-announcements (reco.control.v1: version_activated)
 *                   version_published → putLineage             └─(undecodable, failed)─▶ control-dead-letters (reco.control.v1.dlq)
 *                   activation_requested → activate (or wait)
 * </pre>
 *
 * Batch lists, product and user lists alike, are staged under their version and counted by the
 * store towards one {@code expectedTotal}; only a complete version can be activated, so shoppers
 * never see a half-loaded one. An activation requested before the last list arrived waits in
 * {@value #PENDING_ACTIVATIONS} and is retried on a timer: the lists (three partitions, keyed by
 * product or user) and the requests (one partition) are separate tasks, so the loader cannot
 * tell the control task directly that a version just completed.
 *
 * <p>A version's lineage travels on its {@code version_published} event and is stored next to
 * its loading status; it may get there before the lists, which the store allows for.
 */
public final class ResultLoading {

    public static final String RESULTS_SOURCE = "results-source";
    public static final String LOAD = "results-to-redis";
    public static final String RESULTS_DEAD_LETTERS = "results-dead-letters";
    public static final String CONTROL_SOURCE = "control-source";
    public static final String ACTIVATE = "control-activations";
    public static final String ANNOUNCEMENTS = "control-announcements";
    public static final String CONTROL_DEAD_LETTERS = "control-dead-letters";
    public static final String PENDING_ACTIVATIONS = "pending-activations";

    private ResultLoading() {
    }

    /**
     * @param checkEvery how often waiting activation requests are retried
     * @param giveUpAfter how long a request may wait for its version to complete before it is dropped (logged)
     */
    public static Topology addTo(Topology topology, ModelVersions versions, FreshLists freshLists, Duration checkEvery, Duration giveUpAfter) {
        return topology
                .addSource(RESULTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.RECO_RESULTS.name())
                .addProcessor(LOAD, () -> new ResultLoader(versions, freshLists, RESULTS_DEAD_LETTERS), RESULTS_SOURCE)
                .addSink(RESULTS_DEAD_LETTERS, Topics.RECO_RESULTS.deadLetters().name(), new StringSerializer(), new ByteArraySerializer(), LOAD)

                .addSource(CONTROL_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.RECO_CONTROL.name())
                .addProcessor(ACTIVATE, () -> new VersionActivator(versions, checkEvery, giveUpAfter, ANNOUNCEMENTS, CONTROL_DEAD_LETTERS), CONTROL_SOURCE)
                .addStateStore(pendingActivations(), ACTIVATE)
                .addSink(ANNOUNCEMENTS, Topics.RECO_CONTROL.name(), new StringSerializer(), new ByteArraySerializer(), ACTIVATE)
                .addSink(CONTROL_DEAD_LETTERS, Topics.RECO_CONTROL.deadLetters().name(), new StringSerializer(), new ByteArraySerializer(), ACTIVATE);
    }

    /** Model version → the activation request waiting for it (the whole event: it carries the actor and when it was asked). */
    private static StoreBuilder<KeyValueStore<String, ControlEvent>> pendingActivations() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_ACTIVATIONS),
                Serdes.String(), new ContractSerde<>(Contract.CONTROL_EVENT));
    }
}
