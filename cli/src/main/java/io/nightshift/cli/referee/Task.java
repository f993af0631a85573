package io.nightshift.cli.referee;

/** What is being recommended, as the two serving endpoints do. */
public enum Task {
    /** A product page: the query is the user's last training item only; the whole catalog but the query is ranked. */
    RELATED,
    /** "For you": scored from the whole training history; items in the history are excluded (a test item among them is a miss). */
    PERSONAL;

    public String wire() {
        return name().toLowerCase();
    }
}
