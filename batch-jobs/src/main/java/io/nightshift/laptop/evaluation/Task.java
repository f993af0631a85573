package io.nightshift.laptop.evaluation;

/** What a list is for, as the protocol measures it. */
public enum Task {
    /** A product page: the query is the user's last training item; everything but the query is ranked. */
    RELATED,
    /** "For you": scored from the whole training history; items in it are not recommended. */
    PERSONAL
}
