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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The serving fallback chain of a product page: batch → fresh → trending → popular from one Redis
 * snapshot, and last-known-good from memory when Redis is unreachable. The first tier with an
 * allowed item names the answer; when filtering leaves it short, the next tiers fill it up.
 * The "for you" list is {@link ForYou}.
 */
@Component
class FallbackChain {

    /** Items kept per product for last-known-good, whatever limit the request asked. */
    private static final int REMEMBERED_ITEMS = 20;

    private final ServingReads reads;
    private final CatalogCache catalogCache;
    private final CatalogAvailability catalog;
    private final LastKnownGood lastKnownGood;
    private final FreshRequests freshRequests;
    private final Cohorts cohorts;
    private final ServingProperties properties;
    private final Map<Tier, Duration> freshness;
    private final Clock clock = Clock.systemUTC();

    FallbackChain(ServingReads reads, CatalogCache catalogCache, CatalogAvailability catalog, LastKnownGood lastKnownGood, FreshRequests freshRequests,
                  Cohorts cohorts, ServingProperties properties) {
        this.reads = reads;
        this.catalogCache = catalogCache;
        this.catalog = catalog;
        this.lastKnownGood = lastKnownGood;
        this.freshRequests = freshRequests;
        this.cohorts = cohorts;
        this.properties = properties;
        this.freshness = properties.freshnessByTier();
    }

    /** @param requestId the HTTP request's id (also in its log lines), or null for a new one */
    Recommendation forProduct(String productId, String userId, int limit, String requestId) {
        return forProduct(productId, userId, limit, requestId, Filters.NONE);
    }

    /**
     * With the integrator's filters: excluded products are dropped like purchases (no Redis cost),
     * and a category costs one more pipelined round trip (the candidates' categories); the trending
     * tier is then the category's, so the answer fills up from it when the lists are short of it.
     */
    Recommendation forProduct(String productId, String userId, int limit, String requestId, Filters filters) {
        requestId = requestId == null ? UUID.randomUUID().toString() : requestId;
        String cohort = cohorts.of(userId);
        ServingSnapshot snapshot;
        try {
            snapshot = reads.servingRead(productId, userId, cohort, properties.candidatesFor(limit) + filters.exclude().size(),
                    filters.category());
        } catch (FeatureStoreUnavailableException e) {
            return lastKnownGood.answer(productId, null, filters.withoutRedis(catalog::recommendable), requestId, cohort, limit);
        }
        Instant now = clock.instant();
        lastKnownGood.rememberPopular(snapshot.popular(), now);

        List<TierList> sources = new ArrayList<>();
        snapshot.batchList().ifPresent(list -> sources.add(TierList.of(Tier.BATCH, list)));
        snapshot.freshList().ifPresent(list -> sources.add(TierList.of(Tier.FRESH, list)));
        sources.add(TierList.live(Tier.TRENDING, now, snapshot.trending()));
        sources.add(TierList.live(Tier.POPULAR, now, snapshot.popular()));

        if (snapshot.batchList().isEmpty() && snapshot.freshList().isEmpty() && !snapshot.disabledTiers().contains(Tier.FRESH)) {
            freshRequests.onMiss(productId, userId);
        }
        Predicate<String> allowed = id -> !id.equals(productId) && !snapshot.purchased().contains(id) && catalog.recommendable(id)
                && !filters.exclude().contains(id);
        if (filters.category() != null) {
            var categories = new CandidateCategories(catalogCache, filters.category());
            try {
                categories.read(sources, allowed);
            } catch (FeatureStoreUnavailableException e) {
                return lastKnownGood.answer(productId, null, filters.withoutRedis(catalog::recommendable), requestId, cohort, limit);
            }
            allowed = allowed.and(categories::matches);
        }
        var answer = Assembled.from(sources, snapshot.disabledTiers(), allowed, Math.max(limit, REMEMBERED_ITEMS), now);
        if (filters.none()) {
            // A filtered answer is not what the product page would show; only plain ones are remembered.
            lastKnownGood.rememberProduct(productId, new LastKnownGood.Remembered(answer.primary().modelVersion(),
                    answer.primary().computedAt(), answer.items()));
        }
        return new Recommendation(productId, null, answer.primary().tier(), answer.primary().modelVersion(),
                answer.primary().computedAt(), answer.primary().staleAt(now, freshness), requestId, cohort,
                sorted(snapshot.disabledTiers()), answer.head(limit));
    }

    private static List<Tier> sorted(Set<Tier> tiers) {
        return tiers.stream().sorted().toList();
    }
}
