package io.nightshift.onlineapi.serving;

import io.nightshift.featurestore.CatalogCache;
import io.nightshift.schemas.result.ScoredItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether candidates belong to the category a list is filtered to, read from the catalog
 * projection in Redis (the truth the trending sets are built from): one pipelined round trip per
 * {@link #read} of candidates not asked about before. The plain path without a category never
 * builds one, so it stays one round trip.
 */
final class CandidateCategories {

    private final CatalogCache catalog;
    private final String category;
    private final Map<String, String> known = new HashMap<>();
    private final Set<String> asked = new HashSet<>();

    CandidateCategories(CatalogCache catalog, String category) {
        this.catalog = catalog;
        this.category = category;
    }

    /**
     * Reads the categories of the lists' items that pass {@code worthAsking} (no point asking about
     * a product the other filters drop). Throws {@code FeatureStoreUnavailableException} when Redis is away.
     */
    void read(List<TierList> lists, Predicate<String> worthAsking) {
        List<String> ids = new ArrayList<>();
        for (TierList list : lists) {
            for (ScoredItem item : list.items()) {
                if (asked.add(item.productId()) && worthAsking.test(item.productId())) {
                    ids.add(item.productId());
                }
            }
        }
        if (!ids.isEmpty()) {
            known.putAll(catalog.categories(ids));
        }
    }

    /** In the category, as far as the lists read so far tell; a product the catalog does not know is not. */
    boolean matches(String productId) {
        return category.equals(known.get(productId));
    }
}
