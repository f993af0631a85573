package io.nightshift.laptop.scoring;

import io.nightshift.schemas.result.ScoredItem;

import java.util.List;

/** One product's related products as scoreCatalog computed them, best first. */
public record ScoredList(String productId, List<ScoredItem> items) {

    public ScoredList {
        items = List.copyOf(items);
    }
}
