package io.nightshift.schemas.erasure;

import io.nightshift.schemas.event.ShopEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The erasures a projection knows, by user id: the state of the compacted {@code shop.erasures.v1}
 * that every reader of {@code shop.events.v1} consults before it projects an event. Safe to read
 * from any thread while one thread records.
 *
 * <p>Of two erasures of the same shopper the later request wins: it covers everything the earlier
 * one did and more.
 */
public final class Erasures {

    private final Map<String, Erasure> byUser = new ConcurrentHashMap<>();

    /** Records an erasure; returns whether it changed what is covered (a new shopper or a later request). */
    public boolean record(Erasure erasure) {
        Erasure now = byUser.merge(erasure.userId(), erasure,
                (known, given) -> given.requestedAt().isAfter(known.requestedAt()) ? given : known);
        return now == erasure;
    }

    /** Whether an erasure covers the event: the shopper's, at or before their latest request. Anonymous events never are. */
    public boolean covers(ShopEvent event) {
        if (event.userId() == null) {
            return false;
        }
        Erasure erasure = byUser.get(event.userId());
        return erasure != null && erasure.covers(event);
    }

    /** Whether an event of this shopper at this time is covered; for stores that keep interactions without the whole event. */
    public boolean covers(String userId, Instant occurredAt) {
        Erasure erasure = userId == null ? null : byUser.get(userId);
        return erasure != null && !occurredAt.isAfter(erasure.requestedAt());
    }

    /** The shopper's latest erasure, if any. */
    public Optional<Erasure> of(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    /** The latest erasure of every erased shopper, in no particular order. */
    public Collection<Erasure> all() {
        return List.copyOf(byUser.values());
    }

    /** How many shoppers have been erased. */
    public int size() {
        return byUser.size();
    }
}
