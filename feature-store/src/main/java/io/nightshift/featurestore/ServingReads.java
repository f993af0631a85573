package io.nightshift.featurestore;

import java.util.List;

/**
 * Everything one recommendation answer needs, each in one round trip to Redis: the served
 * version's list, the fresh list, the product, trending and popular candidates, the shopper's
 * recent items and purchases, and the owner's kill switches.
 *
 * <p>Callers: online-api's serving (the fallback chain and "for you") and its metrics.
 *
 * <p>When Redis cannot be reached or does not answer within {@link FeatureStoreSettings#timeout()},
 * both reads throw {@link FeatureStoreUnavailableException} and never hang: the caller answers from
 * its last-known-good copy. A value Redis holds but that cannot be used (a corrupt list, a score
 * that is not a number) costs that one item or tier, never the answer, and is counted
 * ({@link #unreadableValues()}).
 */
public interface ServingReads {

    /**
     * Everything one recommendation answer needs, in one round trip to Redis.
     *
     * <p>Done as one server-side Lua script (EVALSHA, falling back to EVAL once when the
     * server's script cache was flushed): the list's key depends on the active pointer and the
     * cohort's pin, and the trending key on the product's category, all read in the same trip.
     * A pipeline could not do that in one trip, and a script also makes the snapshot atomic:
     * an activation running at the same moment is seen entirely or not at all.
     *
     * @param productId  the product being viewed
     * @param userId     the shopper, or {@code null} when anonymous
     * @param cohort     the shopper's A/B cohort, or {@code null}
     * @param candidates how many trending and popular items to read
     */
    default ServingSnapshot servingRead(String productId, String userId, String cohort, int candidates) {
        return servingRead(productId, userId, cohort, candidates, null);
    }

    /**
     * As {@link #servingRead(String, String, String, int)}, with the snapshot's trending items
     * taken from {@code category}'s trending set instead of the product's own category: an answer
     * filtered to that category fills up from it. Still one round trip.
     *
     * @param category the category whose trending set to read, or {@code null} for the product's
     */
    ServingSnapshot servingRead(String productId, String userId, String cohort, int candidates, String category);

    /**
     * {@link #servingRead(String, String, String, int, String)} for several products at once, in
     * one pipelined round trip (two when Redis lost its script cache): how a basket's items are
     * read. Each snapshot is atomic on its own, not with the others. An empty list reads nothing.
     *
     * @return the snapshots in the order of {@code productIds}
     */
    List<ServingSnapshot> servingReads(List<String> productIds, String userId, String cohort, int candidates, String category);

    /**
     * Everything a "for you" answer needs, in one round trip (one Lua script, like
     * {@link #servingRead}): the served version (the cohort's pin, else the active one), that
     * version's list for the shopper, the shopper's recent items and purchases, the shop's popular
     * products and the kill switches.
     *
     * @param userId     the shopper
     * @param cohort     the shopper's A/B cohort, or {@code null}
     * @param candidates how many popular items to read
     */
    default UserSnapshot userRead(String userId, String cohort, int candidates) {
        return userRead(userId, cohort, candidates, null);
    }

    /**
     * As {@link #userRead(String, String, int)}, also reading {@code category}'s trending set
     * ({@link UserSnapshot#trending()}) in the same round trip, so a "for you" list filtered to that
     * category can fill up from it.
     *
     * @param category the category whose trending set to read, or {@code null} for none
     */
    default UserSnapshot userRead(String userId, String cohort, int candidates, String category) {
        return userRead(userId, cohort, candidates, category, SeedRequest.NONE);
    }

    /**
     * As {@link #userRead(String, String, int, String)}, also reading, when the shopper's list is
     * short of {@link SeedRequest#whenFewerThan()} items the shopper has not bought or recently
     * seen, the lists of the shopper's newest recent items ({@link UserSnapshot#seeds()}): so the
     * online composition of a "for you" answer needs no read of its own and the answer stays one
     * round trip, with the seeds' batch lists from the same served version as the shopper's. Each
     * seed's lists are read as a product page of it would pick ({@link SeedSnapshot}).
     *
     * <p>Only a seed whose stored list the script judged usable but that cannot be decoded here
     * costs one more round trip (its full {@link #servingRead}), so a corrupt value still costs only
     * that one list.
     *
     * @param seeds which recent items to read lists for, and when ({@link SeedRequest#NONE}: none)
     */
    UserSnapshot userRead(String userId, String cohort, int candidates, String category, SeedRequest seeds);

    /**
     * The shop's popular products, or one category's trending set, with the kill switches, in one
     * round trip. Scores as stored (see {@link #servingRead}'s trending and popular).
     *
     * @param category   the category whose trending set to read, or {@code null} for the whole shop's popular set
     * @param candidates how many items to read
     */
    ShopListSnapshot popularRead(String category, int candidates);

    /**
     * The newest products of the catalog, newest first, with the kill switches, in one round trip
     * (one Lua script): only products whose metadata says available and, when asked, of the
     * category; each item's score is when the product first appeared, in epoch milliseconds
     * ({@link CatalogCache#putProduct(io.nightshift.schemas.catalog.Product, java.time.Instant)}).
     * With a category, that category's own set is read. At most {@code max(1000, 10 × limit)} of
     * the newest products are looked at, so a list behind that many unavailable products may get
     * fewer items than asked.
     *
     * @param category the only category to return, or {@code null} for any
     * @param limit    how many items at most
     */
    ShopListSnapshot latestRead(String category, int limit);

    /**
     * How many numbers read back so far, by any role of this store, were unusable (not a number,
     * infinite) and were skipped instead of failing the read; a value above zero means a key needs
     * rewriting ({@code ./nightshift replay}). Never touches Redis.
     */
    long unreadableValues();
}
