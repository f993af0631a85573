package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;

import java.util.List;
import java.util.Set;

/**
 * One of the shop's own lists (popular, a category's trending set, the newest products) with the
 * kill switches, read in one round trip. Like {@link ServingSnapshot}, the store does not apply
 * the switches.
 *
 * @param items         best (or newest) first
 * @param disabledTiers tiers the owner switched off
 */
public record ShopListSnapshot(List<ScoredItem> items, Set<Tier> disabledTiers) {

    public ShopListSnapshot {
        items = List.copyOf(items);
        disabledTiers = Set.copyOf(disabledTiers);
    }
}
