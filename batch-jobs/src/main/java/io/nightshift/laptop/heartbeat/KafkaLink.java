package io.nightshift.laptop.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the laptop knows of its one link, Kafka, from its own heartbeats: when one was last
 * acknowledged and whether the last attempt failed. A laptop whose heartbeats are not
 * acknowledged for three intervals is, as far as the cloud can tell, offline; its health says so
 * instead of staying UP while it is cut off.
 */
final class KafkaLink {

    private static final int INTERVALS_BEFORE_DOWN = 3;

    private final InstantSource clock;
    private final Duration interval;
    private final Instant startedAt;
    private final AtomicReference<Instant> lastAcknowledged = new AtomicReference<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    KafkaLink(InstantSource clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
        this.startedAt = clock.instant();
    }

    void acknowledged() {
        lastAcknowledged.set(clock.instant());
        lastFailure.set(null);
    }

    void failed(Throwable failure) {
        lastFailure.set(failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    }

    /** Up while a heartbeat was acknowledged recently, or the first ones still have time to be. */
    boolean up() {
        Instant since = Optional.ofNullable(lastAcknowledged.get()).orElse(startedAt);
        return Duration.between(since, clock.instant()).compareTo(interval.multipliedBy(INTERVALS_BEFORE_DOWN)) <= 0;
    }

    Optional<Instant> lastAcknowledged() {
        return Optional.ofNullable(lastAcknowledged.get());
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }
}
