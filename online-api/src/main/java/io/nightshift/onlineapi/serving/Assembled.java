package io.nightshift.onlineapi.serving;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An answer's items, taken from tier lists in order: the first list with an allowed item names
 * the answer ({@code primary}); when filtering leaves it short, the next lists fill it up.
 *
 * @param primary the list that contributed first, or an empty popular list when none did
 * @param items   allowed, distinct, best first, at most the limit asked
 */
record Assembled(TierList primary, List<ScoredItem> items) {

    static Assembled from(List<TierList> sources, Set<Tier> disabled, Predicate<String> allowed, int limit, Instant now) {
        Map<String, ScoredItem> items = new LinkedHashMap<>();
        TierList primary = null;
        for (TierList source : sources) {
            if (items.size() >= limit) {
                break;
            }
            if (disabled.contains(source.tier())) {
                continue;
            }
            int before = items.size();
            for (ScoredItem item : source.items()) {
                if (items.size() >= limit) {
                    break;
                }
                if (allowed.test(item.productId())) {
                    items.putIfAbsent(item.productId(), item);
                }
            }
            if (primary == null && items.size() > before) {
                primary = source;
            }
        }
        if (primary == null) {
            // Nothing anywhere (or everything switched off): an empty popular answer, never an error.
            primary = new TierList(Tier.POPULAR, null, now, List.of());
        }
        return new Assembled(primary, List.copyOf(items.values()));
    }

    /** The first {@code limit} items. */
    List<ScoredItem> head(int limit) {
        return items.size() <= limit ? items : items.subList(0, limit);
    }
}
