package io.nightshift.onlineapi.serving;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The answers of last resort, used only while Redis is unreachable: recent answers per product
 * (least recently used evicted beyond the configured size), the shop's popular list as last read,
 * and the shop's other lists (a category's trending set, the newest products) as last read.
 * Lost on restart; the first answers after a restart with Redis down are the empty popular tier.
 */
@Component
class LastKnownGood {

    /** A list as it was last served; {@code computedAt} is {@code null} when nothing was ever read. */
    record Remembered(String modelVersion, Instant computedAt, List<ScoredItem> items) {
    }

    /** The shop's own lists (a category's trending set, the newest products) by what was asked; a few hundred at most. */
    private static final int SHOP_LISTS = 1000;

    private final Map<String, Remembered> byProduct;
    private final Map<String, Remembered> shopLists = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > SHOP_LISTS;
        }
    };
    private volatile Remembered popular = new Remembered(null, null, List.of());

    LastKnownGood(ServingProperties properties) {
        int capacity = properties.lastKnownGoodSize();
        this.byProduct = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > capacity;
            }
        };
    }

    void rememberProduct(String productId, Remembered answer) {
        if (answer.items().isEmpty()) {
            return;
        }
        synchronized (byProduct) {
            byProduct.put(productId, answer);
        }
    }

    void rememberPopular(List<ScoredItem> items, Instant readAt) {
        if (!items.isEmpty()) {
            popular = new Remembered(null, readAt, List.copyOf(items));
        }
    }

    /** One of the shop's own lists as last read, under a key saying what was asked ({@link ShopLists}). */
    void rememberShopList(String key, Remembered list) {
        if (list.items().isEmpty()) {
            return;
        }
        synchronized (shopLists) {
            shopLists.put(key, list);
        }
    }

    Optional<Remembered> shopList(String key) {
        synchronized (shopLists) {
            return Optional.ofNullable(shopLists.get(key));
        }
    }

    Optional<Remembered> product(String productId) {
        synchronized (byProduct) {
            return Optional.ofNullable(byProduct.get(productId));
        }
    }

    Remembered popular() {
        return popular;
    }

    /**
     * The answer while Redis is unreachable: the product's remembered list when there is one
     * ({@code productId} may be null, as for "for you"), else the popular list as last read,
     * without the product itself and what the catalog says may not be recommended.
     */
    Recommendation answer(String productId, String userId, Predicate<String> recommendable, String requestId, String cohort, int limit) {
        Remembered remembered = (productId == null ? Optional.<Remembered>empty() : product(productId))
                .filter(r -> !r.items().isEmpty())
                .orElse(popular);
        List<ScoredItem> items = remembered.items().stream()
                .filter(item -> !item.productId().equals(productId) && recommendable.test(item.productId()))
                .limit(limit)
                .toList();
        // Without Redis the shopper's purchases and history and the kill switches are unknown; the answer says it is stale.
        return new Recommendation(productId, userId, Tier.LAST_KNOWN_GOOD, remembered.modelVersion(), remembered.computedAt(), true,
                requestId, cohort, List.of(), items);
    }
}
