package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.streams.catalog.CatalogProjection;
import io.nightshift.streams.features.EventFeatures;
import io.nightshift.streams.versions.ResultLoading;
import org.apache.kafka.streams.Topology;

/** The whole application: one independent sub-topology per concern, each with its own dead letters. */
final class NightshiftTopology {

    private NightshiftTopology() {
    }

    static Topology build(FeatureStore store, StreamsSettings settings) {
        Topology topology = new Topology();
        CatalogProjection.addTo(topology, store);
        EventFeatures.addTo(topology, store, settings.dedupWindow());
        ResultLoading.addTo(topology, store, settings.activationCheck(), settings.activationGiveUp());
        return topology;
    }
}
