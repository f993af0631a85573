package io.nightshift.onlineapi.serving;

import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.featurestore.FreshLists;
import io.nightshift.onlineapi.kafka.FireAndForget;
import io.nightshift.schemas.request.FreshRequest;
import io.nightshift.schemas.topic.Topics;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.UUID;

/**
 * Asks the laptop for a list when neither a batch nor a fresh list exists. The store's pending
 * marker (set-if-absent, short TTL, shared by every instance) lets only the first of a burst of
 * misses through, so a thousand shoppers make one request. If the send is lost (Kafka away), the
 * marker expires and the next miss asks again; while the laptop is away the request waits in
 * Kafka and is dropped by the worker after its deadline.
 */
@Component
class FreshRequests {

    private final FreshLists freshLists;
    private final FireAndForget sender;
    private final ServingProperties properties;
    private final ServingMetrics metrics;
    private final Clock clock;

    FreshRequests(FreshLists freshLists, FireAndForget sender, ServingProperties properties, ServingMetrics metrics) {
        this.freshLists = freshLists;
        this.sender = sender;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    void onMiss(String productId, String userId) {
        try {
            if (!freshLists.markPending(productId)) {
                metrics.freshRequest(ServingMetrics.FreshOutcome.COALESCED);
                return;
            }
        } catch (FeatureStoreUnavailableException e) {
            // Without the marker we cannot coalesce; asking anyway could flood the laptop.
            metrics.freshRequest(ServingMetrics.FreshOutcome.SKIPPED);
            return;
        }
        metrics.freshRequest(ServingMetrics.FreshOutcome.ENQUEUED);
        var now = clock.instant();
        var request = new FreshRequest(UUID.randomUUID(), FreshRequest.SCHEMA_VERSION, productId, userId, now, now.plus(properties.freshDeadline()));
        sender.send(Topics.RECO_REQUESTS.name(), productId, request);
    }
}
