package io.nightshift.onlineapi.serving;

import io.nightshift.featurestore.StoredList;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One tier's list before filtering: what an answer is assembled from.
 *
 * @param tier         the tier that produced it
 * @param modelVersion the model behind it; {@code null} for trending and popular
 * @param computedAt   when it was computed (read time for live tiers)
 * @param items        best first
 */
record TierList(Tier tier, String modelVersion, Instant computedAt, List<ScoredItem> items) {

    static TierList of(Tier tier, StoredList list) {
        return new TierList(tier, list.modelVersion(), list.computedAt(), list.items());
    }

    /**
     * A list read live from the streams features (trending, popular). Their scores are logarithms
     * of time-decayed sums against a fixed epoch (only their differences mean anything); shoppers'
     * clients get each item's sum relative to the list's best, {@code e^(score − best)}, in (0, 1].
     */
    static TierList live(Tier tier, Instant readAt, List<ScoredItem> items) {
        return new TierList(tier, null, readAt, relative(items));
    }

    /** Older than its tier's freshness; tiers without one (read live) are never stale. */
    boolean staleAt(Instant now, Map<Tier, Duration> freshness) {
        Duration limit = freshness.get(tier);
        return limit != null && computedAt.plus(limit).isBefore(now);
    }

    private static List<ScoredItem> relative(List<ScoredItem> items) {
        if (items.isEmpty()) {
            return items;
        }
        double best = items.stream().mapToDouble(ScoredItem::score).max().orElseThrow();
        return items.stream().map(item -> new ScoredItem(item.productId(), Math.exp(item.score() - best))).toList();
    }
}
