package io.nightshift.onlineapi.web;

/** Authenticated, but not allowed to do this (a read-only token writing): 403, answered by {@code ProblemHandling}. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
