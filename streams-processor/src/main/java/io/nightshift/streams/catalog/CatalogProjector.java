package io.nightshift.streams.catalog;

import io.nightshift.featurestore.CatalogCache;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.streams.deadletter.ContractProcessor;

import java.time.Instant;
import java.util.Objects;

/** Applies one catalog change to Redis. */
final class CatalogProjector extends ContractProcessor<CatalogEvent> {

    private final CatalogCache catalog;

    CatalogProjector(CatalogCache catalog, String deadLetterSink) {
        super(Contract.CATALOG_EVENT, deadLetterSink);
        this.catalog = catalog;
    }

    @Override
    protected void handle(String key, CatalogEvent event) {
        switch (event.change()) {
            // The record's time, not now: a rebuild from the topic puts the newest products in the same order.
            case UPSERT -> catalog.putProduct(Objects.requireNonNull(event.product(), "an upsert carries the product"),
                    recordTimestamp() >= 0 ? Instant.ofEpochMilli(recordTimestamp()) : Instant.now());
            case DELETE -> catalog.deleteProduct(event.productId());
        }
    }

    /** A tombstone is how compaction finally forgets a product: the projection forgets it too. */
    @Override
    protected void handleTombstone(String productId) {
        if (productId != null && !productId.isBlank()) {
            catalog.deleteProduct(productId);
        }
    }
}
