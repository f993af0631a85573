package io.nightshift.onlineapi.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.onlineapi.kafka.FireAndForget;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.Topics;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * Records every answer as a {@code reco_served} event, so analysts can compute click-through by
 * tier, version and cohort. Fire-and-forget: the answer never waits for Kafka.
 */
@Component
class ServedEvents {

    private final FireAndForget sender;
    /** Built once: a registry lookup by name and tags per answer was measurable on the serving path. */
    private final Map<Tier, Counter> served = new EnumMap<>(Tier.class);

    ServedEvents(FireAndForget sender, MeterRegistry meters) {
        this.sender = sender;
        for (Tier tier : Tier.values()) {
            served.put(tier, meters.counter("nightshift.reco.served", "tier", tier.wire()));
        }
    }

    /**
     * @param contextProductId the product page's product; for a "for you" list the first item served
     * @param sessionId        the anonymous session; the request id stands in when there is neither user nor session
     */
    void served(Recommendation answer, String contextProductId, String userId, String sessionId) {
        served.get(answer.tier()).increment();
        if (contextProductId == null) {
            return;
        }
        String session = userId == null && sessionId == null ? answer.requestId() : sessionId;
        var event = new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, userId, session,
                contextProductId, null, Instant.now(),
                new RecoContext(answer.requestId(), answer.tier(), answer.modelVersion(), answer.cohort()));
        sender.send(Topics.SHOP_EVENTS.name(), event.partitionKey(), event);
    }
}
