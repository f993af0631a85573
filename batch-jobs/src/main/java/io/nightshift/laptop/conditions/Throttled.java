package io.nightshift.laptop.conditions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A reading taken at most once per interval. Starting PowerShell costs a few hundred milliseconds of CPU: once per
 * heartbeat (every few seconds) would itself warm the laptop it measures.
 */
class Throttled<T> {

    private final Supplier<T> reading;
    private final Duration interval;
    private final Clock clock;
    private Instant takenAt;
    private T last;

    Throttled(Supplier<T> reading, Duration interval, Clock clock) {
        this.reading = reading;
        this.interval = interval;
        this.clock = clock;
    }

    synchronized T get() {
        Instant now = clock.instant();
        if (takenAt == null || !now.isBefore(takenAt.plus(interval))) {
            last = reading.get();
            takenAt = now;
        }
        return last;
    }
}
