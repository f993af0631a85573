package io.nightshift.onlineapi.catalog;

import io.nightshift.onlineapi.web.BadRequestException;
import io.nightshift.onlineapi.ingest.BatchIntake;
import io.nightshift.onlineapi.kafka.EventLog;
import io.nightshift.onlineapi.web.Ids;
import io.nightshift.schemas.catalog.CatalogChange;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.topic.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Catalog changes into the compacted {@code shop.catalog.v1}; the streams processor projects them
 * into Redis, and the serving path's availability view reads them back. A product body is checked
 * inside a catalog event against the catalog-event contract, so errors name fields like
 * {@code $.product.name}. Every endpoint here needs the shop backend's key ({@code CatalogWriteAuth}).
 */
@RestController
@SecurityRequirement(name = "catalog-key")
class CatalogController {

    private static final int MAX_BATCH = 500;

    private final ContractCodec<CatalogEvent> codec = ContractCodec.of(Contract.CATALOG_EVENT);
    private final EventLog eventLog;

    CatalogController(EventLog eventLog) {
        this.eventLog = eventLog;
    }

    @Operation(summary = "Create or replace a product", description = "202 once the change is in the catalog topic; 400 naming the field; 503 with Retry-After when Kafka is away.")
    @PutMapping("/api/v1/products/{productId}")
    ResponseEntity<Object> put(@PathVariable String productId, @RequestBody JsonNode body) {
        String id = Ids.require("productId", productId);
        if (!body.isObject()) {
            throw BadRequestException.of("$", "a product object is required");
        }
        JsonNode bodyId = body.get("productId");
        if (bodyId != null && !bodyId.isNull() && !id.equals(bodyId.asString())) {
            throw BadRequestException.of("$.productId", "differs from the path's product id '" + id + "'");
        }
        ObjectNode product = ((ObjectNode) body).deepCopy();
        product.put("productId", id);
        CatalogEvent event = upsert(product);
        return accepted(event);
    }

    @Operation(summary = "Delete a product", description = "Writes a delete event; the product is never recommended again.")
    @DeleteMapping("/api/v1/products/{productId}")
    ResponseEntity<Object> delete(@PathVariable String productId) {
        String id = Ids.require("productId", productId);
        return accepted(CatalogEvent.delete(UUID.randomUUID(), id, Instant.now()));
    }

    @Operation(summary = "Bulk upsert up to 500 products", description = "Same answer shape as POST /api/v1/events: 202 {accepted, rejected: []} or 400 with rejected by index (valid ones still written).")
    @PostMapping("/api/v1/catalog")
    ResponseEntity<Object> bulk(@RequestBody JsonNode body) {
        if (!body.isArray()) {
            throw BadRequestException.of("$", "an array of products is required");
        }
        List<JsonNode> elements = BatchIntake.elements(body, MAX_BATCH);
        var outcome = BatchIntake.validate(elements, node -> {
            if (!node.isObject()) {
                throw BadRequestException.of("$", "must be a product object");
            }
            return upsert((ObjectNode) node);
        });
        var written = eventLog.appendDurably(outcome.accepted().stream()
                .map(event -> new EventLog.Entry<>(Topics.SHOP_CATALOG.name(), event.productId(), event))
                .toList());
        return BatchIntake.answer(outcome, false, written);
    }

    /** 202 with the event; header {@code Nightshift-Spooled: true} when it waits in the local spool for Kafka. */
    private ResponseEntity<Object> accepted(CatalogEvent event) {
        var written = eventLog.appendDurably(List.of(new EventLog.Entry<>(Topics.SHOP_CATALOG.name(), event.productId(), event)));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Nightshift-Spooled", Boolean.toString(written == EventLog.Outcome.SPOOLED))
                .body(event);
    }

    private CatalogEvent upsert(ObjectNode product) {
        ObjectNode event = product.objectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("schemaVersion", CatalogEvent.SCHEMA_VERSION);
        event.put("change", CatalogChange.UPSERT.wire());
        event.set("productId", product.get("productId"));
        event.set("product", product);
        event.put("occurredAt", Instant.now().toString());
        return codec.decode(event);
    }
}
