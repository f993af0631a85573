package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/**
 * Where a batch run is, as {@link RunProgress#status()} carries it on {@code reco.control.v1}
 * and the admin API shows it. The wire values are the {@code status} enum of
 * {@code control-event.v1.json}.
 */
public enum RunStatus {
    /** The owner asked for the run; the laptop has not picked it up yet (it may be offline). */
    REQUESTED("requested"),
    /** The laptop is working on the run; the step and its counts say where. */
    RUNNING("running"),
    /** The laptop holds the run back until conditions clear (battery, heat); the detail says why. */
    DEFERRED("deferred"),
    /** The run ended well: its version is published and activation was asked for. */
    COMPLETED("completed"),
    /** The run stopped on an error; a restart resumes at the step that failed. The detail says what failed. */
    FAILED("failed"),
    /** The run did not go ahead: the evaluation gate turned its model down, or another run was in progress. */
    REFUSED("refused");

    private final String wire;

    RunStatus(String wire) {
        this.wire = wire;
    }

    /** Whether the run has ended: no report follows for it. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == REFUSED;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The wire value, so that logs and messages read as the events do. */
    @Override
    public String toString() {
        return wire;
    }

    /** The status with this wire value; empty when there is none (an answer from another version). */
    public static Optional<RunStatus> find(String wire) {
        for (RunStatus status : values()) {
            if (status.wire.equals(wire)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    public static RunStatus fromWire(String wire) {
        return find(wire).orElseThrow(() -> new IllegalArgumentException("unknown run status '" + wire + "'"));
    }
}
