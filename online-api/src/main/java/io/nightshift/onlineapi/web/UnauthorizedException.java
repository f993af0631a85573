package io.nightshift.onlineapi.web;

/** Answered as a problem detail by {@code ProblemHandling}. */
public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
