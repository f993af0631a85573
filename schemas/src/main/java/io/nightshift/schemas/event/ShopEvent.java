package io.nightshift.schemas.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * One thing that happened in the shop; the unit of the event log on {@code shop.events.v1}.
 *
 * <p>{@code eventId} is the idempotency key: every projection (Redis features, the PostgreSQL
 * log, the laptop's store) ignores an id it has seen, so replays and duplicates change nothing.
 * At least one of {@code userId} and {@code sessionId} is present.
 *
 * @param eventId       unique id, the idempotency key
 * @param schemaVersion version of this record's schema ({@value #SCHEMA_VERSION} is current; version 1 is still readable)
 * @param type          what happened
 * @param userId        the known shopper, or {@code null} for an anonymous session
 * @param sessionId     the browsing session, or {@code null}
 * @param productId     the product concerned
 * @param value         a rating, a quantity or a price, depending on the type; may be {@code null}
 * @param occurredAt    when it happened (not when it was received)
 * @param reco          for recommendation events: which answer it is about
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShopEvent(
        UUID eventId,
        int schemaVersion,
        EventType type,
        String userId,
        String sessionId,
        String productId,
        Double value,
        Instant occurredAt,
        RecoContext reco) {

    public static final int SCHEMA_VERSION = 2;

    /** The key on {@code shop.events.v1}: the user, or the session for anonymous shoppers, so one shopper's events stay in order. */
    public String partitionKey() {
        return userId != null ? userId : sessionId;
    }

    /** A current-version interaction event (view, cart, purchase, rating). */
    public static ShopEvent interaction(UUID eventId, EventType type, String userId, String productId, Double value, Instant occurredAt) {
        return new ShopEvent(eventId, SCHEMA_VERSION, type, userId, null, productId, value, occurredAt, null);
    }
}
