package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.result.ScoredItem;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CONTRACT STUB: one consistent read for one answer.
 *
 * @param activeVersion  the active version pointer, if any
 * @param servedVersion  the version this user's cohort is served (its pin, else the active one)
 * @param batchList      that version's list for the product
 * @param freshList      the product's fresh list
 * @param product        the product's metadata
 * @param trending       top of the product's category (empty without category)
 * @param popular        top of the shop
 * @param recentItems    the user's recent items, newest first (empty without user)
 * @param purchased      what the user bought recently
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
}
