package io.nightshift.onlineapi.kafka;

import java.time.Duration;

/** Kafka did not take a write in time: answered 503 with Retry-After, so the client retries (event ids make retries harmless). */
public class KafkaUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public KafkaUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
