package io.nightshift.schemas.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a computed list belongs to a nightly model version or was computed on demand. */
public enum ResultKind {
    BATCH("batch"),
    FRESH("fresh");

    private final String wire;

    ResultKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ResultKind fromWire(String wire) {
        for (ResultKind kind : values()) {
            if (kind.wire.equals(wire)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown result kind '" + wire + "'");
    }
}
