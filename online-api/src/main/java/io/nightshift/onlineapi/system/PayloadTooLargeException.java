package io.nightshift.onlineapi.system;

/** Answered as a problem detail by {@code ProblemHandling}. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
