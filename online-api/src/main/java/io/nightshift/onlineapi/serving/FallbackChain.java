package io.nightshift.onlineapi.serving;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.featurestore.ServingSnapshot;
import io.nightshift.featurestore.StoredList;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The serving fallback chain: batch → fresh → trending → popular from one Redis snapshot, and
 * last-known-good from memory when Redis is unreachable. The first tier with an allowed item
 * names the answer; when filtering leaves it short, the next tiers fill it up.
 */
@Component
class FallbackChain {

    /** Items kept per product for last-known-good, whatever limit the request asked. */
    private static final int REMEMBERED_ITEMS = 20;
    /** How many of a user's recent items seed a "for you" list (each costs one snapshot). */
    private static final int FOR_YOU_SEEDS = 3;

    private final FeatureStore store;
    private final CatalogAvailability catalog;
    private final LastKnownGood lastKnownGood;
    private final FreshRequests freshRequests;
    private final Cohorts cohorts;
    private final ServingProperties properties;
    private final Map<Tier, Duration> freshness;
    private final Clock clock = Clock.systemUTC();

    FallbackChain(FeatureStore store, CatalogAvailability catalog, LastKnownGood lastKnownGood, FreshRequests freshRequests,
                  Cohorts cohorts, ServingProperties properties) {
        this.store = store;
        this.catalog = catalog;
        this.lastKnownGood = lastKnownGood;
        this.freshRequests = freshRequests;
        this.cohorts = cohorts;
        this.properties = properties;
        this.freshness = properties.freshnessByTier();
    }

    /**
     * Popular and trending scores are time-decayed sums with a fixed epoch (huge, and only their
     * order means anything); shoppers' clients get them relative to the list's best, in (0, 1].
     */
    private static List<ScoredItem> relative(List<ScoredItem> items) {
        if (items.isEmpty() || !(items.getFirst().score() > 0)) {
            return items;
        }
        double best = items.getFirst().score();
        return items.stream().map(item -> new ScoredItem(item.productId(), item.score() / best)).toList();
    }

    /** A tier's list before filtering. */
    private record Source(Tier tier, String modelVersion, Instant computedAt, List<ScoredItem> items) {
    }

    /** @param requestId the HTTP request's id (also in its log lines), or null for a new one */
    Recommendation forProduct(String productId, String userId, int limit, String requestId) {
        requestId = requestId == null ? UUID.randomUUID().toString() : requestId;
        String cohort = cohorts.of(userId);
        ServingSnapshot snapshot;
        try {
            snapshot = store.servingRead(productId, userId, cohort, properties.candidates());
        } catch (FeatureStoreUnavailableException e) {
            return fromMemory(productId, null, requestId, cohort, limit);
        }
        Instant now = clock.instant();
        lastKnownGood.rememberPopular(snapshot.popular(), now);

        List<Source> sources = new ArrayList<>();
        snapshot.batchList().ifPresent(list -> sources.add(source(Tier.BATCH, list)));
        snapshot.freshList().ifPresent(list -> sources.add(source(Tier.FRESH, list)));
        sources.add(new Source(Tier.TRENDING, null, now, relative(snapshot.trending())));
        sources.add(new Source(Tier.POPULAR, null, now, relative(snapshot.popular())));

        if (snapshot.batchList().isEmpty() && snapshot.freshList().isEmpty() && !snapshot.disabledTiers().contains(Tier.FRESH)) {
            freshRequests.onMiss(productId, userId);
        }
        Predicate<String> allowed = id -> !id.equals(productId) && !snapshot.purchased().contains(id) && catalog.recommendable(id);
        var answer = assemble(sources, snapshot.disabledTiers(), allowed, Math.max(limit, REMEMBERED_ITEMS), now);
        lastKnownGood.rememberProduct(productId, new LastKnownGood.Remembered(answer.primary.modelVersion(), answer.primary.computedAt(),
                answer.items));
        return new Recommendation(productId, null, answer.primary.tier(), answer.primary.modelVersion(), answer.primary.computedAt(),
                isStale(answer.primary, now), requestId, cohort, sorted(snapshot.disabledTiers()), head(answer.items, limit));
    }

    /**
     * "For you": the cached lists of the user's most recent items, merged with more weight on
     * more recent items, without what the user bought; trending/popular when there is no history.
     */
    Recommendation forUser(String userId, int limit, String requestId) {
        requestId = requestId == null ? UUID.randomUUID().toString() : requestId;
        String cohort = cohorts.of(userId);
        Instant now = clock.instant();
        List<ServingSnapshot> snapshots = new ArrayList<>();
        try {
            List<String> recent = store.recentItems(userId);
            for (String seed : recent.subList(0, Math.min(FOR_YOU_SEEDS, recent.size()))) {
                snapshots.add(store.servingRead(seed, userId, cohort, properties.candidates()));
            }
            if (snapshots.isEmpty()) {
                var popular = store.popular(properties.candidates());
                lastKnownGood.rememberPopular(popular, now);
                Set<String> purchased = store.purchased(userId);
                Set<Tier> disabled = store.disabledTiers();
                var answer = assemble(List.of(new Source(Tier.POPULAR, null, now, relative(popular))), disabled,
                        id -> !purchased.contains(id) && catalog.recommendable(id), limit, now);
                return new Recommendation(null, userId, answer.primary.tier(), null, now, false, requestId, cohort, sorted(disabled),
                        head(answer.items, limit));
            }
        } catch (FeatureStoreUnavailableException e) {
            return fromMemory(null, userId, requestId, cohort, limit);
        }
        ServingSnapshot first = snapshots.getFirst();
        lastKnownGood.rememberPopular(first.popular(), now);
        
        // Each seed contributes its best enabled tier; scores are rank-based because scores of different lists do not compare.
        Map<String, Double> merged = new HashMap<>();
        Source best = null;
        for (int i = 0; i < snapshots.size(); i++) {
            ServingSnapshot snapshot = snapshots.get(i);
            Optional<Source> source = bestPersonalSource(snapshot, now);
            if (source.isEmpty()) {
                continue;
            }
            if (best == null || source.get().tier().ordinal() < best.tier().ordinal()) {
                best = source.get();
            }
            double weight = 1.0 / (i + 1);
            List<ScoredItem> items = source.get().items();
            for (int rank = 0; rank < items.size(); rank++) {
                merged.merge(items.get(rank).productId(), weight / (rank + 1), Double::sum);
            }
        }
        List<ScoredItem> combined = merged.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new ScoredItem(e.getKey(), e.getValue()))
                .toList();
        List<Source> sources = new ArrayList<>();
        if (best != null) {
            sources.add(new Source(best.tier(), best.modelVersion(), best.computedAt(), combined));
        }
        sources.add(new Source(Tier.POPULAR, null, now, relative(first.popular())));
        Predicate<String> allowed = id -> !first.purchased().contains(id) && catalog.recommendable(id);
        var answer = assemble(sources, first.disabledTiers(), allowed, limit, now);
        return new Recommendation(null, userId, answer.primary.tier(), answer.primary.modelVersion(), answer.primary.computedAt(),
                isStale(answer.primary, now), requestId, cohort, sorted(first.disabledTiers()), head(answer.items, limit));
    }

    private Optional<Source> bestPersonalSource(ServingSnapshot snapshot, Instant now) {
        Set<Tier> disabled = snapshot.disabledTiers();
        if (snapshot.batchList().isPresent() && !disabled.contains(Tier.BATCH) && !snapshot.batchList().get().items().isEmpty()) {
            return Optional.of(source(Tier.BATCH, snapshot.batchList().get()));
        }
        if (snapshot.freshList().isPresent() && !disabled.contains(Tier.FRESH) && !snapshot.freshList().get().items().isEmpty()) {
            return Optional.of(source(Tier.FRESH, snapshot.freshList().get()));
        }
        if (!disabled.contains(Tier.TRENDING) && !snapshot.trending().isEmpty()) {
            return Optional.of(new Source(Tier.TRENDING, null, now, relative(snapshot.trending())));
        }
        return Optional.empty();
    }

    private record Assembled(Source primary, List<ScoredItem> items) {
    }

    private static Assembled assemble(List<Source> sources, Set<Tier> disabled, Predicate<String> allowed, int limit, Instant now) {
        Map<String, ScoredItem> items = new LinkedHashMap<>();
        Source primary = null;
        for (Source source : sources) {
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
            primary = new Source(Tier.POPULAR, null, now, List.of());
        }
        return new Assembled(primary, List.copyOf(items.values()));
    }

    private Recommendation fromMemory(String productId, String userId, String requestId, String cohort, int limit) {
        LastKnownGood.Remembered remembered = (productId == null ? Optional.<LastKnownGood.Remembered>empty() : lastKnownGood.product(productId))
                .filter(r -> !r.items().isEmpty())
                .orElse(lastKnownGood.popular());
        List<ScoredItem> items = remembered.items().stream()
                .filter(item -> !item.productId().equals(productId) && catalog.recommendable(item.productId()))
                .limit(limit)
                .toList();
        // Without Redis the purchases and kill switches are unknown; the answer says it is stale.
        return new Recommendation(productId, userId, Tier.LAST_KNOWN_GOOD, remembered.modelVersion(), remembered.computedAt(), true,
                requestId, cohort, List.of(), items);
    }

    private boolean isStale(Source primary, Instant now) {
        Duration limit = freshness.get(primary.tier());
        return limit != null && primary.computedAt().plus(limit).isBefore(now);
    }

    private static Source source(Tier tier, StoredList list) {
        return new Source(tier, list.modelVersion(), list.computedAt(), list.items());
    }

    private static List<Tier> sorted(Set<Tier> tiers) {
        return tiers.stream().sorted().toList();
    }

    private static List<ScoredItem> head(List<ScoredItem> items, int limit) {
        return items.size() <= limit ? items : items.subList(0, limit);
    }
}
