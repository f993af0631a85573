package io.nightshift.onlineapi.serving;

import io.nightshift.featurestore.SeedSnapshot;
import io.nightshift.featurestore.ServingSnapshot;
import io.nightshift.featurestore.StoredList;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * Several products' lists merged into one: how "for you" combines a shopper's recent items and a
 * basket combines its items. Each seed contributes its best enabled tier; scores are rank-based
 * because scores of different lists do not compare. The merged list carries the best tier any
 * seed had (and that list's model version).
 */
final class SeedLists {

    private SeedLists() {
    }

    /** A seed's best enabled list: batch, else fresh, else its trending set; empty when it has none. */
    static Optional<TierList> best(ServingSnapshot snapshot, Instant now) {
        return best(snapshot.batchList(), snapshot.freshList(), snapshot.trending(), snapshot.disabledTiers(), now);
    }

    /** As {@link #best(ServingSnapshot, Instant)}, for a seed read with the shopper's snapshot (whose kill switches apply). */
    static Optional<TierList> best(SeedSnapshot seed, Set<Tier> disabled, Instant now) {
        return best(seed.batchList(), seed.freshList(), seed.trending(), disabled, now);
    }

    private static Optional<TierList> best(Optional<StoredList> batch, Optional<StoredList> fresh, List<ScoredItem> trending,
                                           Set<Tier> disabled, Instant now) {
        if (batch.isPresent() && !disabled.contains(Tier.BATCH) && !batch.get().items().isEmpty()) {
            return Optional.of(TierList.of(Tier.BATCH, batch.get()));
        }
        if (fresh.isPresent() && !disabled.contains(Tier.FRESH) && !fresh.get().items().isEmpty()) {
            return Optional.of(TierList.of(Tier.FRESH, fresh.get()));
        }
        if (!disabled.contains(Tier.TRENDING) && !trending.isEmpty()) {
            return Optional.of(TierList.live(Tier.TRENDING, now, trending));
        }
        return Optional.empty();
    }

    /**
     * The seeds' lists merged: an item scores the sum over seeds of {@code weight(seed) / (rank + 1)}.
     * Empty when no seed has a list.
     */
    static Optional<TierList> merge(List<Optional<TierList>> seedLists, IntToDoubleFunction weight) {
        Map<String, Double> merged = new HashMap<>();
        TierList best = null;
        for (int i = 0; i < seedLists.size(); i++) {
            if (seedLists.get(i).isEmpty()) {
                continue;
            }
            TierList list = seedLists.get(i).get();
            if (best == null || list.tier().ordinal() < best.tier().ordinal()) {
                best = list;
            }
            List<ScoredItem> items = list.items();
            for (int rank = 0; rank < items.size(); rank++) {
                merged.merge(items.get(rank).productId(), weight.applyAsDouble(i) / (rank + 1), Double::sum);
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        List<ScoredItem> combined = merged.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new ScoredItem(e.getKey(), e.getValue()))
                .toList();
        return Optional.of(new TierList(best.tier(), best.modelVersion(), best.computedAt(), combined));
    }
}
