package io.nightshift.onlineapi.serving;

import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.featurestore.ServingReads;
import io.nightshift.featurestore.ShopListSnapshot;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The shop's own lists, for pages without a product or a shopper (a home page, a category page):
 * popular (or a category's trending set) and the newest products. One Redis round trip each;
 * never unavailable or deleted products; the owner's kill switch for the list's tier empties it;
 * while Redis is away, the list as last read (tier {@code last-known-good}) or an empty one.
 */
@Component
class ShopLists {

    /** Extra items read beyond the limit, for those the in-memory catalog view says are gone. */
    private static final int SPARE = 20;

    private final ServingReads reads;
    private final CatalogAvailability catalog;
    private final LastKnownGood lastKnownGood;
    private final ServingProperties properties;
    private final Clock clock = Clock.systemUTC();

    ShopLists(ServingReads reads, CatalogAvailability catalog, LastKnownGood lastKnownGood, ServingProperties properties) {
        this.reads = reads;
        this.catalog = catalog;
        this.lastKnownGood = lastKnownGood;
        this.properties = properties;
    }

    /** The shop's popular products (tier {@code popular}), or with a category its trending set (tier {@code trending}). */
    Recommendation popular(String category, int limit, String requestId) {
        Tier tier = category == null ? Tier.POPULAR : Tier.TRENDING;
        String key = "trending:" + category;
        ShopListSnapshot snapshot;
        try {
            snapshot = reads.popularRead(category, properties.candidatesFor(limit));
        } catch (FeatureStoreUnavailableException e) {
            var remembered = category == null ? lastKnownGood.popular()
                    : lastKnownGood.shopList(key).orElse(new LastKnownGood.Remembered(null, null, List.of()));
            return fromMemory(remembered, limit, requestId);
        }
        Instant now = clock.instant();
        TierList list = TierList.live(tier, now, recommendable(snapshot.items()));
        if (category == null) {
            lastKnownGood.rememberPopular(snapshot.items(), now);
        } else {
            lastKnownGood.rememberShopList(key, new LastKnownGood.Remembered(null, now, list.items()));
        }
        return answer(tier, now, snapshot, list.items(), limit, requestId);
    }

    /**
     * The newest products (tier {@code latest}), by when each first appeared in the catalog; only
     * a category's with one. Scores say only the order: 1 for the newest, then 1/2, 1/3, …
     */
    Recommendation latest(String category, int limit, String requestId) {
        String key = "latest:" + (category == null ? "" : category);
        ShopListSnapshot snapshot;
        try {
            snapshot = reads.latestRead(category, limit + SPARE);
        } catch (FeatureStoreUnavailableException e) {
            return fromMemory(lastKnownGood.shopList(key).orElse(new LastKnownGood.Remembered(null, null, List.of())), limit, requestId);
        }
        Instant now = clock.instant();
        List<ScoredItem> newest = recommendable(snapshot.items());
        List<ScoredItem> ranked = IntStream.range(0, newest.size())
                .mapToObj(rank -> new ScoredItem(newest.get(rank).productId(), 1.0 / (rank + 1))).toList();
        lastKnownGood.rememberShopList(key, new LastKnownGood.Remembered(null, now, ranked));
        return answer(Tier.LATEST, now, snapshot, ranked, limit, requestId);
    }

    private Recommendation answer(Tier tier, Instant now, ShopListSnapshot snapshot, List<ScoredItem> items, int limit, String requestId) {
        List<Tier> disabled = snapshot.disabledTiers().stream().sorted().toList();
        List<ScoredItem> served = disabled.contains(tier) ? List.of() : items.stream().limit(limit).toList();
        return new Recommendation(null, null, tier, null, now, false, id(requestId), null, disabled, served);
    }

    /** Scores are given after this, so the first item served has the best one. */
    private List<ScoredItem> recommendable(List<ScoredItem> items) {
        return items.stream().filter(item -> catalog.recommendable(item.productId())).toList();
    }

    private Recommendation fromMemory(LastKnownGood.Remembered remembered, int limit, String requestId) {
        List<ScoredItem> items = remembered.items().stream().filter(item -> catalog.recommendable(item.productId())).limit(limit).toList();
        // Without Redis the kill switches are unknown; the answer says it is stale.
        return new Recommendation(null, null, Tier.LAST_KNOWN_GOOD, null, remembered.computedAt(), true, id(requestId), null, List.of(), items);
    }

    private static String id(String requestId) {
        return requestId == null ? UUID.randomUUID().toString() : requestId;
    }
}
