package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.streams.catalog.CatalogProjection;
import io.nightshift.streams.features.DecaySettings;
import io.nightshift.streams.features.EventFeatures;
import io.nightshift.streams.versions.ResultLoading;
import org.apache.kafka.streams.Topology;

/**
 * The application's sub-topologies, one per concern, each with its own dead letters, run as two
 * Kafka Streams instances:
 * <ul>
 *   <li>the <b>features</b> (catalog projection and event features), pure projections of
 *       compacted or kept-for-ever topics, rebuilt from scratch by a replay under a new
 *       generation's application id;</li>
 *   <li>the <b>loader</b> (computed lists, version switches), which is never replayed: results are
 *       kept two weeks only, and re-reading old activation requests would flip the active
 *       version back and forth.</li>
 * </ul>
 */
final class NightshiftTopology {

    private NightshiftTopology() {
    }

    static Topology features(FeatureStore store, StreamsSettings settings, DecaySettings decay, String applicationId, Erasures erasures) {
        Topology topology = new Topology();
        CatalogProjection.addTo(topology, store.catalog());
        EventFeatures.addTo(topology, store.features(), store.cohortCounts(), store.catalog(), settings.dedupWindow(), decay,
                EventFeatures.byProductTopic(applicationId), erasures);
        return topology;
    }

    static Topology loader(FeatureStore store, StreamsSettings settings) {
        return ResultLoading.addTo(new Topology(), store.versions(), store.freshLists(), settings.activationCheck(), settings.activationGiveUp());
    }

    /** Both in one topology, for tests that drive every source at once. */
    static Topology build(FeatureStore store, StreamsSettings settings) {
        Topology topology = features(store, settings, DecaySettings.defaults(), settings.applicationId(), new Erasures());
        return ResultLoading.addTo(topology, store.versions(), store.freshLists(), settings.activationCheck(), settings.activationGiveUp());
    }
}
