package io.nightshift.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * The serving fallback chain, in order: the first tier that has a list answers; then the
 * lists that are not part of the chain ({@link #LATEST}).
 * The wire name is what answers, events and analysts' tables carry.
 */
public enum Tier {
    /** The active model version's precomputed list for the product. */
    BATCH("batch"),
    /** A list the laptop computed on demand for this product. */
    FRESH("fresh"),
    /** What is trending in the product's category right now. */
    TRENDING("trending"),
    /** What is popular in the whole shop. */
    POPULAR("popular"),
    /** An in-process copy, used only while Redis itself is unreachable. */
    LAST_KNOWN_GOOD("last-known-good"),
    /**
     * Not a step of the chain: the newest products of the catalog, by when they first appeared
     * ({@code GET /api/v1/recommendations/latest}). Last so the chain's order stays the ordinal order.
     */
    LATEST("latest");

    private final String wire;

    Tier(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Tier fromWire(String wire) {
        return Arrays.stream(values())
                .filter(t -> t.wire.equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown tier '" + wire + "'"));
    }
}
