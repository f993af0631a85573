package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a "for you" answer needs, read from Redis in one atomic round trip, so the user's
 * list (and the seeds' batch lists) always belong to the version named here even while an
 * activation runs.
 *
 * <p>Like {@link ServingSnapshot}, the store does not filter or pick a tier.
 *
 * @param activeVersion the active version pointer, if any
 * @param servedVersion the version this request's cohort is served: its pin, else the active one
 * @param userList      the served version's precomputed list for the shopper, if the batch job made one
 * @param recentItems   the shopper's recent items, newest first
 * @param purchased     what the shopper bought recently
 * @param popular       top of the whole shop, best first
 * @param disabledTiers tiers the owner switched off
 * @param trending      top of the category asked for, best first (empty when none was asked)
 * @param seeds         the lists of the shopper's newest recent items, newest first, when the
 *                      {@link SeedRequest} asked for them and the shopper's list was short of its
 *                      threshold; empty when not read (an empty list when read for a shopper without
 *                      history)
 */
public record UserSnapshot(
        Optional<String> activeVersion,
        Optional<String> servedVersion,
        Optional<StoredList> userList,
        List<String> recentItems,
        Set<String> purchased,
        List<ScoredItem> popular,
        Set<Tier> disabledTiers,
        List<ScoredItem> trending,
        Optional<List<SeedSnapshot>> seeds) {

    public UserSnapshot {
        trending = List.copyOf(trending);
        recentItems = List.copyOf(recentItems);
        purchased = Set.copyOf(purchased);
        popular = List.copyOf(popular);
        disabledTiers = Set.copyOf(disabledTiers);
        seeds = seeds.map(List::copyOf);
    }
}
