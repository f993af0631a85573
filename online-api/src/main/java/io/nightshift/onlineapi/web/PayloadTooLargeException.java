package io.nightshift.onlineapi.web;

/** Answered as a problem detail by {@code ProblemHandling}. */
class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
