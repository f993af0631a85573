package io.nightshift.schemas.erasure;

import io.nightshift.schemas.event.ShopEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A shopper's data erasure (a GDPR "right to erasure" request), on the compacted
 * {@code shop.erasures.v1}, keyed by the user id. Every projection forgets the shopper's events
 * that occurred at or before {@code requestedAt} and skips them on every later read or replay of
 * {@code shop.events.v1}; events that occur after it are a new relationship and are kept.
 *
 * <p>The record itself holds the user id: without it no projection could honour the request on a
 * replay. It holds nothing else about the shopper.
 *
 * @param requestId     unique id of the request (an answer to the shopper can quote it)
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param userId        the shopper to forget, the {@code userId} of their events
 * @param requestedAt   when the request was accepted: events that occurred up to this instant are forgotten
 */
public record Erasure(UUID requestId, int schemaVersion, String userId, Instant requestedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** A current-version erasure. */
    public static Erasure of(UUID requestId, String userId, Instant requestedAt) {
        return new Erasure(requestId, SCHEMA_VERSION, userId, requestedAt);
    }

    /** Whether the event is the shopper's and occurred at or before the request: such an event is never projected. */
    public boolean covers(ShopEvent event) {
        return userId.equals(event.userId()) && !event.occurredAt().isAfter(requestedAt);
    }
}
