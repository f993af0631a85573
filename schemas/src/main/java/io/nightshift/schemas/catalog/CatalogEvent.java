package io.nightshift.schemas.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * A change to one product on {@code shop.catalog.v1} (keyed and compacted by product id, so the
 * topic always holds the whole current catalog).
 *
 * @param eventId       unique id, the idempotency key
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param change        upsert or delete
 * @param productId     the product concerned (also the record key)
 * @param product       the new state for an upsert; {@code null} for a delete
 * @param occurredAt    when the owner made the change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogEvent(UUID eventId, int schemaVersion, CatalogChange change, String productId, Product product, Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    public static CatalogEvent upsert(UUID eventId, Product product, Instant occurredAt) {
        return new CatalogEvent(eventId, SCHEMA_VERSION, CatalogChange.UPSERT, product.productId(), product, occurredAt);
    }

    public static CatalogEvent delete(UUID eventId, String productId, Instant occurredAt) {
        return new CatalogEvent(eventId, SCHEMA_VERSION, CatalogChange.DELETE, productId, null, occurredAt);
    }
}
