package io.nightshift.featurestore;

import io.nightshift.schemas.catalog.Product;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's product metadata as Redis holds it: a projection of the compacted catalog topic.
 *
 * <p>The streams processor's catalog projection writes it ({@link #putProduct},
 * {@link #deleteProduct}); online-api's product endpoint and the streams processor's trending
 * (a product's category) read it. The serving reads ({@link ServingReads}) read the same hash
 * inside their one round trip.
 *
 * <p>When Redis cannot be reached or does not answer within {@link FeatureStoreSettings#timeout()},
 * every method throws {@link FeatureStoreUnavailableException}; a blank product id is an
 * {@link IllegalArgumentException}.
 */
public interface CatalogCache {

    /**
     * Writes the product's metadata hash (name, category, price, available), replacing what was
     * there, and records it among the newest products as appearing now unless it appeared earlier.
     * No TTL: removed by {@link #deleteProduct}.
     */
    void putProduct(Product product);

    /**
     * As {@link #putProduct(Product)}, with when the product appeared (the catalog record's
     * timestamp): the earliest time written wins, so replays and duplicates change nothing and the
     * newest products ({@link ServingReads#latestRead}) are ordered by first appearance.
     */
    void putProduct(Product product, Instant appearedAt);

    /** Removes the product's metadata and its place among the newest products (a delete or a catalog tombstone). Its lists age out with their version. */
    void deleteProduct(String productId);

    /** The product's metadata, if the catalog projection has it. An unusable price reads as unknown and is counted ({@link ServingReads#unreadableValues()}). */
    Optional<Product> product(String productId);

    /**
     * The categories of the given products, in one pipelined round trip: how a list filtered to
     * a category checks its candidates. Products the projection does not know, or knows without a
     * category, are absent from the map.
     */
    Map<String, String> categories(Collection<String> productIds);
}
