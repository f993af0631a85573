package io.nightshift.onlineapi.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.schemas.codec.Contract;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The document's component schemas, read from the JSON Schemas in {@code schemas/} (the ones the
 * intake validates against, so the document cannot drift from them) and from {@code openapi/*.json}
 * for the answers' shapes. springdoc's own model is Jackson 2, hence Jackson 2 here.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    static Map<String, Schema<?>> all() {
        Map<String, Schema<?>> schemas = new LinkedHashMap<>();
        ObjectNode shopEvent = contract(Contract.SHOP_EVENT, 2);
        ObjectNode shopEventV1 = contract(Contract.SHOP_EVENT, 1);
        ObjectNode catalogEvent = contract(Contract.CATALOG_EVENT, 1);
        ObjectNode product = ((ObjectNode) catalogEvent.get("properties").get("product")).deepCopy();
        schemas.put("ShopEvent", schema(shopEvent));
        schemas.put("ShopEventV1", schema(shopEventV1));
        schemas.put("ShopEventIntake", schema(json("""
                {"description": "One shop event (schemaVersion 2, or 1 which is upgraded), or an array of 1 to 500 of them",
                 "oneOf": [{"$ref": "#/components/schemas/ShopEventAnyVersion"},
                           {"type": "array", "minItems": 1, "maxItems": 500, "items": {"$ref": "#/components/schemas/ShopEventAnyVersion"}}]}""")));
        schemas.put("ShopEventAnyVersion", schema(json("""
                {"oneOf": [{"$ref": "#/components/schemas/ShopEvent"}, {"$ref": "#/components/schemas/ShopEventV1"}]}""")));
        schemas.put("CatalogEvent", schema(catalogEvent));
        schemas.put("Product", schema(product));
        schemas.put("Erasure", schema(contract(Contract.ERASURE, 1)));
        ObjectNode write = product.deepCopy();
        write.put("description", "A product; productId may be left out (the path names it) and must equal the path's if given");
        ArrayNode required = write.putArray("required");
        product.get("required").forEach(name -> {
            if (!name.asText().equals("productId")) {
                required.add(name);
            }
        });
        schemas.put("ProductWrite", schema(write));
        schemas.put("ProductBatch", schema(json("""
                {"type": "array", "minItems": 1, "maxItems": 500, "items": {"$ref": "#/components/schemas/Product"}}""")));
        schemas.put("Problem", schema(resource("openapi/problem.json")));
        schemas.put("FieldError", schema(resource("openapi/field-error.json")));
        schemas.put("RejectedElement", schema(resource("openapi/rejected-element.json")));
        schemas.put("IngestAccepted", schema(resource("openapi/ingest-accepted.json")));
        schemas.put("BasketRequest", schema(resource("openapi/basket-request.json")));
        return schemas;
    }

    /** A contract's JSON Schema without {@code $schema}/{@code $id}: inside the document it is a component, not a document of its own. */
    private static ObjectNode contract(Contract<?> contract, int version) {
        ObjectNode schema = (ObjectNode) resource(contract.schemaResource(version));
        schema.remove("$schema");
        schema.remove("$id");
        return schema;
    }

    static JsonNode resource(String name) {
        try (InputStream in = ApiSchemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath");
            }
            return Json31.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json31.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema<?> schema(JsonNode node) {
        try {
            return Json31.mapper().treeToValue(node, Schema.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
