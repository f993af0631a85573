package io.nightshift.onlineapi.serving;

import io.nightshift.featurestore.CatalogCache;
import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.featurestore.SeedRequest;
import io.nightshift.featurestore.SeedSnapshot;
import io.nightshift.featurestore.ServingReads;
import io.nightshift.featurestore.ServingSnapshot;
import io.nightshift.featurestore.UserSnapshot;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * The "for you" list ({@code GET /api/v1/users/{userId}/recommendations}), in this order:
 * <ol>
 *   <li>the served version's precomputed list for the user (tier {@code batch}; the cohort's pin,
 *       else the active version), when the batch job made one;</li>
 *   <li>the cached lists of the user's recent items, merged online, when there is no such list or
 *       filtering leaves it short;</li>
 *   <li>popular, to fill up.</li>
 * </ol>
 * Never what the user bought or recently looked at (a "for you" list that repeats the product
 * just viewed wastes a slot), nor unavailable or deleted products. Last-known-good popular while
 * Redis is unreachable.
 *
 * <p>One Redis round trip, with or without the online composition: the user's snapshot also
 * carries the seeds' lists when the precomputed list is missing, switched off or short of the
 * answer once purchases and recent items are left out ({@link SeedRequest}). Only a list that the
 * catalog or the integrator's exclusions leave short, which the script cannot see, costs one more
 * (pipelined) trip for the seeds.
 */
@Component
class ForYou {

    private static final Logger log = LoggerFactory.getLogger(ForYou.class);
    /** How many of a user's recent items seed the online composition. */
    private static final int SEEDS = 3;

    private final ServingReads reads;
    private final CatalogCache catalogCache;
    private final CatalogAvailability catalog;
    private final LastKnownGood lastKnownGood;
    private final Cohorts cohorts;
    private final ServingProperties properties;
    private final Map<Tier, Duration> freshness;
    private final Clock clock = Clock.systemUTC();

    ForYou(ServingReads reads, CatalogCache catalogCache, CatalogAvailability catalog, LastKnownGood lastKnownGood, Cohorts cohorts, ServingProperties properties) {
        this.reads = reads;
        this.catalogCache = catalogCache;
        this.catalog = catalog;
        this.lastKnownGood = lastKnownGood;
        this.cohorts = cohorts;
        this.properties = properties;
        this.freshness = properties.freshnessByTier();
    }

    /** @param requestId the HTTP request's id (also in its log lines), or null for a new one */
    Recommendation forUser(String userId, int limit, String requestId) {
        return forUser(userId, limit, requestId, Filters.NONE);
    }

    /**
     * With the integrator's filters: excluded products are dropped like purchases; a category
     * reads that category's trending set in the same snapshot (it fills up before popular) and
     * costs one more pipelined round trip for the candidates' categories (two when the online
     * composition is needed as well).
     */
    Recommendation forUser(String userId, int limit, String requestId, Filters filters) {
        requestId = requestId == null ? UUID.randomUUID().toString() : requestId;
        String cohort = cohorts.of(userId);
        UserSnapshot snapshot;
        try {
            snapshot = reads.userRead(userId, cohort, properties.candidatesFor(limit) + filters.exclude().size(), filters.category(),
                    seedRequest(limit, filters));
        } catch (FeatureStoreUnavailableException e) {
            return lastKnownGood.answer(null, userId, filters.withoutRedis(catalog::recommendable), requestId, cohort, limit);
        }
        Instant now = clock.instant();
        lastKnownGood.rememberPopular(snapshot.popular(), now);
        Set<Tier> disabled = snapshot.disabledTiers();
        Set<String> had = new HashSet<>(snapshot.purchased());
        had.addAll(snapshot.recentItems());
        Predicate<String> unfiltered = id -> !had.contains(id) && catalog.recommendable(id) && !filters.exclude().contains(id);

        Optional<TierList> precomputed = snapshot.userList()
                .filter(list -> !disabled.contains(Tier.BATCH))
                .map(list -> TierList.of(Tier.BATCH, list));
        List<TierList> fillUp = new ArrayList<>();
        if (filters.category() != null) {
            fillUp.add(TierList.live(Tier.TRENDING, now, snapshot.trending()));
        }
        fillUp.add(TierList.live(Tier.POPULAR, now, snapshot.popular()));
        CandidateCategories categories = filters.category() == null ? null : new CandidateCategories(catalogCache, filters.category());
        Predicate<String> allowed = categories == null ? unfiltered : unfiltered.and(categories::matches);
        if (categories != null) {
            List<TierList> known = new ArrayList<>(fillUp);
            precomputed.ifPresent(known::add);
            try {
                categories.read(known, unfiltered);
            } catch (FeatureStoreUnavailableException e) {
                return lastKnownGood.answer(null, userId, filters.withoutRedis(catalog::recommendable), requestId, cohort, limit);
            }
        }

        List<TierList> sources = new ArrayList<>();
        precomputed.ifPresent(sources::add);
        if (precomputed.isEmpty() || !fills(precomputed.get(), allowed, limit)) {
            composition(snapshot, userId, cohort, now)
                    .filter(merged -> categories == null || readCategories(categories, merged, unfiltered, userId))
                    .ifPresent(sources::add);
        }
        sources.addAll(fillUp);

        var answer = Assembled.from(sources, disabled, allowed, limit, now);
        return new Recommendation(null, userId, answer.primary().tier(), answer.primary().modelVersion(), answer.primary().computedAt(),
                answer.primary().staleAt(now, freshness), requestId, cohort, disabled.stream().sorted().toList(), answer.head(limit));
    }

    /**
     * The seeds come with the user's snapshot when its list will not do: when it holds fewer than
     * {@code limit} items the user has not bought or seen, plus one per exclusion (which may or may
     * not be on it). A category filter leaves most lists short, so it always asks for them.
     */
    private SeedRequest seedRequest(int limit, Filters filters) {
        int whenFewerThan = filters.category() != null ? Integer.MAX_VALUE : limit + filters.exclude().size();
        return new SeedRequest(SEEDS, whenFewerThan, properties.candidates());
    }

    /** False when Redis went away meanwhile: the merged list is then left out, like a composition that failed. */
    private static boolean readCategories(CandidateCategories categories, TierList merged, Predicate<String> worthAsking, String userId) {
        try {
            categories.read(List.of(merged), worthAsking);
            return true;
        } catch (FeatureStoreUnavailableException e) {
            log.warn("Redis went away while checking the categories of {}'s \"for you\" list; answering without it: {}", userId, e.getMessage());
            return false;
        }
    }

    private static boolean fills(TierList list, Predicate<String> allowed, int limit) {
        return list.items().stream().map(ScoredItem::productId).filter(allowed).distinct().limit(limit).count() >= limit;
    }

    /**
     * The cached lists of the user's most recent items merged, with more weight on more recent
     * items. Each seed contributes its best enabled tier; scores are rank-based because scores of
     * different lists do not compare. The merged list carries the best tier any seed had. Empty
     * without history, when no seed has a list, or when Redis went away after the user's snapshot
     * (that snapshot's list and popular still make a better answer than last-known-good).
     *
     * <p>The seeds' lists come from the snapshot; only when the script judged the user's list long
     * enough (and filtering here left it short) are they read now, in one pipelined round trip.
     */
    private Optional<TierList> composition(UserSnapshot snapshot, String userId, String cohort, Instant now) {
        List<Optional<TierList>> seedLists = new ArrayList<>();
        if (snapshot.seeds().isPresent()) {
            for (SeedSnapshot seed : snapshot.seeds().get()) {
                seedLists.add(SeedLists.best(seed, snapshot.disabledTiers(), now));
            }
        } else {
            List<String> recentItems = snapshot.recentItems();
            List<String> seeds = recentItems.subList(0, Math.min(SEEDS, recentItems.size()));
            try {
                for (ServingSnapshot seed : reads.servingReads(seeds, userId, cohort, properties.candidates(), null)) {
                    seedLists.add(SeedLists.best(seed, now));
                }
            } catch (FeatureStoreUnavailableException e) {
                log.warn("Redis went away while reading the seeds of {}'s \"for you\" list; answering without them: {}", userId, e.getMessage());
                return Optional.empty();
            }
        }
        // More weight on more recent items.
        return SeedLists.merge(seedLists, i -> 1.0 / (i + 1));
    }
}
