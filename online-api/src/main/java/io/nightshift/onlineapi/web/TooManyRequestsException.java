package io.nightshift.onlineapi.web;

import java.time.Duration;

/** A client over its rate limit: 429 with Retry-After (whole seconds, at least 1). */
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
