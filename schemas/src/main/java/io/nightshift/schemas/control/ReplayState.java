package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/**
 * Where a replay of the projections is, as {@link ReplayProgress#state()} carries it on
 * {@code reco.control.v1}, the online API's {@code GET /api/v1/admin/replay} answers it and
 * {@code ./nightshift replay} reads it. The wire values but {@code idle} are the {@code state}
 * enum of {@code control-event.v1.json}.
 */
public enum ReplayState {
    /** No replay was ever asked for: only the admin API answers this, no event carries it. */
    IDLE("idle"),
    /** The owner asked for a replay; no streams processor has picked it up yet (it may be down: the request waits). */
    REQUESTED("requested"),
    /** The features and the event log are being emptied. */
    RESETTING("resetting"),
    /** The projections read every topic again as a new generation; the lag says how far they are. */
    REPLAYING("replaying"),
    /** The new generation has read every topic to its end. */
    CAUGHT_UP("caught-up"),
    /** The reset did not complete; the projections that were not reset resume their old generation. */
    FAILED("failed");

    private final String wire;

    ReplayState(String wire) {
        this.wire = wire;
    }

    /** Whether the replay has ended, caught up or failed; the state does not change until the next replay. */
    public boolean isFinal() {
        return this == CAUGHT_UP || this == FAILED;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The wire value, so that logs and messages read as the answers do. */
    @Override
    public String toString() {
        return wire;
    }

    /** The state with this wire value; empty when there is none (an answer from another version). */
    public static Optional<ReplayState> find(String wire) {
        for (ReplayState state : values()) {
            if (state.wire.equals(wire)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    public static ReplayState fromWire(String wire) {
        return find(wire).orElseThrow(() -> new IllegalArgumentException("unknown replay state '" + wire + "'"));
    }
}
