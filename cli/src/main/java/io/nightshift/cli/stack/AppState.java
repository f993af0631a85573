package io.nightshift.cli.stack;

/** Where the supervisor stands with one application, as {@code ./nightshift status} reports it. */
public enum AppState {
    /** Its process is alive. */
    RUNNING,
    /** It exited without being asked to; the supervisor starts it again at {@link StackState.App#restartAt()}. */
    RESTARTING,
    /**
     * It crashed {@link Backoff#crashLoopAfter()} times in a row without staying up: still retried at
     * the capped pace, but reported, because something the app needs is broken and a person should look.
     */
    CRASH_LOOP,
    /** Stopped on purpose (the laptop taken offline): left down until the owner brings it back. */
    STOPPED
}
