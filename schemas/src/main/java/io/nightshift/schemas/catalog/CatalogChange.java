package io.nightshift.schemas.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The two things that happen to a product in the catalog. */
public enum CatalogChange {
    UPSERT("upsert"),
    DELETE("delete");

    private final String wire;

    CatalogChange(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static CatalogChange fromWire(String wire) {
        return UPSERT.wire.equals(wire) ? UPSERT : DELETE.wire.equals(wire) ? DELETE : failOn(wire);
    }

    private static CatalogChange failOn(String wire) {
        throw new IllegalArgumentException("unknown catalog change '" + wire + "'");
    }
}
