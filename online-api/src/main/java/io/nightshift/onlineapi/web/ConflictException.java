package io.nightshift.onlineapi.web;

/** Answered as a problem detail by {@code ProblemHandling}. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
