package io.nightshift.onlineapi.system;

/** Answered as a problem detail by {@code ProblemHandling}. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
