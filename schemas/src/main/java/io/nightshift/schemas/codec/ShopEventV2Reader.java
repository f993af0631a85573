package io.nightshift.schemas.codec;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * Binds a shop event of version 2 that {@link ShopEventV2Check} has vouched for, field by field:
 * the generic binding (record constructor through method handles, a date formatter per event)
 * cost the intake as much as the validation did. Gives the very record the generic binding
 * gives for the same tree, which {@code ShopEventV2CheckTest} checks; never called on anything
 * the check refused.
 */
final class ShopEventV2Reader {

    private ShopEventV2Reader() {
    }

    static ShopEvent read(JsonNode checked) {
        JsonNode value = checked.get("value");
        JsonNode reco = checked.get("reco");
        return new ShopEvent(UUID.fromString(checked.get("eventId").stringValue()), ShopEvent.SCHEMA_VERSION,
                EventType.fromWire(checked.get("type").stringValue()), text(checked, "userId"), text(checked, "sessionId"),
                checked.get("productId").stringValue(), value == null ? null : value.doubleValue(),
                ShopEventV2Check.parseInstant(checked.get("occurredAt").stringValue()),
                reco == null ? null : new RecoContext(reco.get("requestId").stringValue(), Tier.fromWire(reco.get("tier").stringValue()),
                        text(reco, "modelVersion"), text(reco, "cohort")));
    }

    private static String text(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node.stringValue();
    }
}
