package io.nightshift.featurestore;

import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.List;

/**
 * The on-demand cycle of fresh lists: online-api marks a product pending before it asks the
 * laptop for a fresh list ({@link #markPending}, so many shoppers on one product cause one
 * request), and the streams processor stores the list the laptop sends back
 * ({@link #putFreshList}). Shoppers get it through {@link ServingReads}.
 *
 * <p>When Redis cannot be reached or does not answer within {@link FeatureStoreSettings#timeout()},
 * both methods throw {@link FeatureStoreUnavailableException}: online-api then skips the request
 * (the shopper is served from another tier), the streams processor retries the record.
 */
public interface FreshLists {

    /**
     * Set-if-absent with {@link io.nightshift.schemas.redis.RedisKeys#PENDING_TTL}: true only
     * for the first caller within the coalescing window, whatever the number of processes.
     */
    boolean markPending(String productId);

    /**
     * Stores a list the laptop computed on demand; it expires after
     * {@link io.nightshift.schemas.redis.RedisKeys#FRESH_TTL} counted from {@code computedAt}. A
     * list computed earlier than the one already stored is ignored, so a replay cannot bring back
     * an older list.
     */
    void putFreshList(String productId, String modelVersion, List<ScoredItem> items, Instant computedAt);
}
