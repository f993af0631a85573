package io.nightshift.onlineapi.serving;

import io.nightshift.featurestore.CatalogCache;
import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.featurestore.ServingReads;
import io.nightshift.featurestore.ServingSnapshot;
import io.nightshift.schemas.Tier;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Related products for a basket ({@code POST /api/v1/recommendations/basket}): the lists of the
 * basket's items merged the way "for you" merges a shopper's recent items (each item's best tier,
 * rank-based scores, every item weighing the same: a basket is a set), then the category's
 * trending set when filtered to one, then popular. Never an item in the basket, what the shopper
 * bought, unavailable or deleted products. One pipelined round trip for all the items' snapshots
 * (plus one for the candidates' categories with {@code category}); last-known-good popular
 * while Redis is away.
 */
@Component
class Baskets {

    private final ServingReads reads;
    private final CatalogCache catalogCache;
    private final CatalogAvailability catalog;
    private final LastKnownGood lastKnownGood;
    private final Cohorts cohorts;
    private final ServingProperties properties;
    private final Map<Tier, Duration> freshness;
    private final Clock clock = Clock.systemUTC();

    Baskets(ServingReads reads, CatalogCache catalogCache, CatalogAvailability catalog, LastKnownGood lastKnownGood, Cohorts cohorts,
            ServingProperties properties) {
        this.reads = reads;
        this.catalogCache = catalogCache;
        this.catalog = catalog;
        this.lastKnownGood = lastKnownGood;
        this.cohorts = cohorts;
        this.properties = properties;
        this.freshness = properties.freshnessByTier();
    }

    /**
     * @param basket    the basket's product ids, checked and distinct
     * @param userId    the shopper, or null
     * @param requestId the HTTP request's id, or null for a new one
     */
    Recommendation forBasket(List<String> basket, String userId, int limit, Filters filters, String requestId) {
        requestId = requestId == null ? UUID.randomUUID().toString() : requestId;
        String cohort = cohorts.of(userId);
        Filters notInBasket = filters.excluding(new HashSet<>(basket));
        List<ServingSnapshot> snapshots;
        try {
            snapshots = reads.servingReads(basket, userId, cohort, properties.candidatesFor(limit) + notInBasket.exclude().size(),
                    filters.category());
        } catch (FeatureStoreUnavailableException e) {
            return lastKnownGood.answer(null, userId, notInBasket.withoutRedis(catalog::recommendable), requestId, cohort, limit);
        }
        Instant now = clock.instant();
        ServingSnapshot first = snapshots.getFirst();
        lastKnownGood.rememberPopular(first.popular(), now);
        Set<Tier> disabled = first.disabledTiers();
        Set<String> purchased = first.purchased();
        Predicate<String> allowed = id -> !notInBasket.exclude().contains(id) && !purchased.contains(id) && catalog.recommendable(id);

        List<Optional<TierList>> seedLists = new ArrayList<>();
        snapshots.forEach(snapshot -> seedLists.add(SeedLists.best(snapshot, now)));
        List<TierList> sources = new ArrayList<>();
        SeedLists.merge(seedLists, seed -> 1.0).ifPresent(sources::add);
        if (filters.category() != null) {
            // Every snapshot read the category's trending set; one copy fills up.
            sources.add(TierList.live(Tier.TRENDING, now, first.trending()));
        }
        sources.add(TierList.live(Tier.POPULAR, now, first.popular()));
        if (filters.category() != null) {
            var categories = new CandidateCategories(catalogCache, filters.category());
            try {
                categories.read(sources, allowed);
            } catch (FeatureStoreUnavailableException e) {
                return lastKnownGood.answer(null, userId, notInBasket.withoutRedis(catalog::recommendable), requestId, cohort, limit);
            }
            allowed = allowed.and(categories::matches);
        }
        var answer = Assembled.from(sources, disabled, allowed, limit, now);
        return new Recommendation(null, userId, answer.primary().tier(), answer.primary().modelVersion(), answer.primary().computedAt(),
                answer.primary().staleAt(now, freshness), requestId, cohort, disabled.stream().sorted().toList(), answer.head(limit));
    }
}
