package io.nightshift.schemas.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** What a shopper did. Recommendation events close the loop between what was served and what was clicked. */
public enum EventType {
    VIEW("view"),
    ADD_TO_CART("add_to_cart"),
    PURCHASE("purchase"),
    RATING("rating"),
    RECO_SERVED("reco_served"),
    RECO_CLICKED("reco_clicked");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Whether the event says something about the shopper's taste (and so feeds features and models). */
    public boolean isInteraction() {
        return this == VIEW || this == ADD_TO_CART || this == PURCHASE || this == RATING;
    }

    @JsonCreator
    public static EventType fromWire(String wire) {
        return Arrays.stream(values())
                .filter(t -> t.wire.equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + wire + "'"));
    }
}
