package io.nightshift.onlineapi.ingest;

import io.nightshift.schemas.codec.Violation;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The intake's own limits on a shop event the contract already accepted: a value in the range
 * of its type, and a time in a window around the server's clock.
 *
 * <p>Why at the edge and not only in the contract: the window moves with the clock, and the
 * contract is also what a replay reads years later. Behind the edge every consumer is still
 * safe for anything the contract allows; this keeps a stranger's odd event (a rating of a
 * million, a view from 2099) out of the log in the first place.
 */
final class EventBounds {

    /** How far back an event may be: the public intake's horizon, or none but the contract's for the owner's backfill. */
    enum Horizon { RECENT, HISTORY }

    private final IngestProperties limits;
    private final Clock clock;

    EventBounds(IngestProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    List<Violation> violations(ShopEvent event, Horizon horizon) {
        List<Violation> found = new ArrayList<>(2);
        valueViolation(event).ifPresent(found::add);
        timeViolation(event.occurredAt(), horizon).ifPresent(found::add);
        return found;
    }

    private Optional<Violation> valueViolation(ShopEvent event) {
        Double value = event.value();
        if (value == null) {
            return Optional.empty();
        }
        if (!Double.isFinite(value)) {
            return problem("$.value", "must be a finite number");
        }
        if (event.type() == EventType.RATING) {
            return value >= limits.ratingMin() && value <= limits.ratingMax()
                    ? Optional.empty()
                    : problem("$.value", "a rating must be within the shop's scale, " + plain(limits.ratingMin()) + " to " + plain(limits.ratingMax()));
        }
        if (event.type().isInteraction()) {
            return value > 0 && value <= limits.maxValue()
                    ? Optional.empty()
                    : problem("$.value", "a quantity or price must be positive and at most " + plain(limits.maxValue()));
        }
        return problem("$.value", "a " + event.type().wire() + " event carries no value");
    }

    private Optional<Violation> timeViolation(Instant occurredAt, Horizon horizon) {
        Instant now = clock.instant();
        if (occurredAt.isAfter(now.plus(limits.maxFuture()))) {
            return problem("$.occurredAt", "lies in the future: at most " + limits.maxFuture().toMinutes()
                    + " minutes ahead of the server's clock (" + now + ") are accepted");
        }
        if (horizon == Horizon.RECENT && occurredAt.isBefore(now.minus(limits.maxAge()))) {
            return problem("$.occurredAt", "is older than " + limits.maxAge().toDays()
                    + " days; send history through the owner's backfill intake (./nightshift import)");
        }
        return Optional.empty();
    }

    private static Optional<Violation> problem(String field, String message) {
        return Optional.of(new Violation(field, message));
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
