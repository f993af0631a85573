package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a control event says; each type fills the one payload field named here. */
public enum ControlType {
    /** The owner changed the nightly schedule; payload {@code schedule}. */
    SCHEDULE_CHANGED("schedule_changed"),
    /** The owner asked for a batch run now; payload {@code run} (its runId may be chosen by the owner). */
    RUN_REQUESTED("run_requested"),
    /** The laptop reports a run's progress or end; payload {@code run}. */
    RUN_PROGRESS("run_progress"),
    /** The laptop finished publishing a version's lists; payload {@code version}. */
    VERSION_PUBLISHED("version_published"),
    /** Make a complete version the active one (laptop after its gate, or the owner); payload {@code version}. */
    ACTIVATION_REQUESTED("activation_requested"),
    /** The loader switched the active pointer; payload {@code version}. */
    VERSION_ACTIVATED("version_activated"),
    /** The owner rolled back to the previous version; payload {@code version} (the one now active). */
    VERSION_ROLLED_BACK("version_rolled_back"),
    /** A serving tier was disabled or enabled; payload {@code killSwitch}. */
    KILL_SWITCH_CHANGED("kill_switch_changed"),
    /** The owner asked for a replay of the cloud's projections; payload {@code replay} (state {@code requested}). */
    REPLAY_REQUESTED("replay_requested"),
    /** The streams processor reports a replay's progress or end; payload {@code replay}. */
    REPLAY_PROGRESS("replay_progress");

    private final String wire;

    ControlType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ControlType fromWire(String wire) {
        for (ControlType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown control type '" + wire + "'");
    }
}
