package io.nightshift.featurestore;

import io.nightshift.schemas.result.ScoredItem;

import java.util.List;
import java.util.Optional;

/**
 * One of a shopper's recent items as the "for you" composition needs it, read in the same round
 * trip as the shopper's {@link UserSnapshot}: the lists a product page for that item would pick
 * from, in the order it picks (the kill switches are the snapshot's).
 *
 * <p>Only what the pick can reach is read: the fresh list only when the batch list is missing,
 * empty, unreadable or switched off, trending only when the fresh list is too. A list not read is
 * empty here, so picking the first enabled, non-empty one of batch, fresh and trending gives what
 * picking from a full {@link ServingSnapshot} of the item would.
 *
 * @param productId the recent item
 * @param batchList the served version's list for the item
 * @param freshList the item's fresh list (empty when not needed)
 * @param trending  top of the item's category, best first (empty when not needed or without category)
 */
public record SeedSnapshot(
        String productId,
        Optional<StoredList> batchList,
        Optional<StoredList> freshList,
        List<ScoredItem> trending) {

    public SeedSnapshot {
        trending = List.copyOf(trending);
    }
}
