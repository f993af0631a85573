package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.result.ScoredItem;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one recommendation answer needs, read from Redis in one atomic round trip, so
 * the batch list always belongs to the version named here even while an activation runs.
 *
 * <p>The store does not filter or pick a tier: the serving layer applies the fallback chain,
 * the kill switches and the filters (unavailable products, purchases) to this snapshot.
 *
 * @param activeVersion  the active version pointer, if any
 * @param servedVersion  the version this request's cohort is served: its pin, else the active one
 * @param batchList      the served version's list for the product
 * @param freshList      the product's fresh list
 * @param product        the product's metadata
 * @param trending       top of the product's category, best first (empty without product or category)
 * @param popular        top of the whole shop, best first
 * @param recentItems    the user's recent items, newest first (empty without user)
 * @param purchased      what the user bought recently (empty without user)
 * @param disabledTiers  tiers the owner switched off
 */
public record ServingSnapshot(
        Optional<String> activeVersion,
        Optional<String> servedVersion,
        Optional<StoredList> batchList,
        Optional<StoredList> freshList,
        Optional<Product> product,
        List<ScoredItem> trending,
        List<ScoredItem> popular,
        List<String> recentItems,
        Set<String> purchased,
        Set<Tier> disabledTiers) {

    public ServingSnapshot {
        trending = List.copyOf(trending);
        popular = List.copyOf(popular);
        recentItems = List.copyOf(recentItems);
        purchased = Set.copyOf(purchased);
        disabledTiers = Set.copyOf(disabledTiers);
    }
}
