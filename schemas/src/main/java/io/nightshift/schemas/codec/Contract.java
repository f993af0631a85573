package io.nightshift.schemas.codec;

import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.request.FreshRequest;
import io.nightshift.schemas.result.RecoResult;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One record type on the wire: its name, its Java record, its current schema version and how
 * older versions are brought up to date. The JSON Schema of version {@code N} is the resource
 * {@code schemas/<name>.v<N>.json}; an example payload is {@code examples/<name>.v<N>.json}.
 *
 * @param name           the schema's file name stem, e.g. {@code shop-event}
 * @param type           the record it decodes to
 * @param currentVersion the version writers produce
 * @param upcasters      for each old version {@code v}, how to turn a valid version-{@code v} payload into version {@code v+1}
 */
public record Contract<T>(String name, Class<T> type, int currentVersion, Map<Integer, UnaryOperator<ObjectNode>> upcasters) {

    public static final Contract<ShopEvent> SHOP_EVENT = new Contract<>("shop-event", ShopEvent.class, ShopEvent.SCHEMA_VERSION,
            Map.of(1, Contract::shopEventV1ToV2));
    public static final Contract<CatalogEvent> CATALOG_EVENT = new Contract<>("catalog-event", CatalogEvent.class, CatalogEvent.SCHEMA_VERSION, Map.of());
    public static final Contract<FreshRequest> FRESH_REQUEST = new Contract<>("fresh-request", FreshRequest.class, FreshRequest.SCHEMA_VERSION, Map.of());
    public static final Contract<RecoResult> RECO_RESULT = new Contract<>("reco-result", RecoResult.class, RecoResult.SCHEMA_VERSION, Map.of());
    public static final Contract<ControlEvent> CONTROL_EVENT = new Contract<>("control-event", ControlEvent.class, ControlEvent.SCHEMA_VERSION, Map.of());
    public static final Contract<Heartbeat> HEARTBEAT = new Contract<>("heartbeat", Heartbeat.class, Heartbeat.SCHEMA_VERSION, Map.of());
    public static final Contract<Erasure> ERASURE = new Contract<>("erasure", Erasure.class, Erasure.SCHEMA_VERSION, Map.of());

    public static List<Contract<?>> all() {
        return List.of(SHOP_EVENT, CATALOG_EVENT, FRESH_REQUEST, RECO_RESULT, CONTROL_EVENT, HEARTBEAT, ERASURE);
    }

    public Contract {
        upcasters = Map.copyOf(upcasters);
        for (int v = 1; v < currentVersion; v++) {
            if (!upcasters.containsKey(v)) {
                throw new IllegalArgumentException(name + " has no upcaster from version " + v + ": old payloads would become unreadable");
            }
        }
    }

    public String schemaResource(int version) {
        return "schemas/" + name + ".v" + version + ".json";
    }

    public String exampleResource(int version) {
        return "examples/" + name + ".v" + version + ".json";
    }

    /**
     * Version 1 of shop events carried the time as epoch milliseconds in {@code timestamp} and the
     * recommendation context as flat fields; version 2 uses an ISO-8601 {@code occurredAt} and a
     * {@code reco} object.
     */
    private static ObjectNode shopEventV1ToV2(ObjectNode v1) {
        ObjectNode v2 = v1.deepCopy();
        long millis = v2.remove("timestamp").asLong();
        v2.put("occurredAt", Instant.ofEpochMilli(millis).toString());
        if (v2.has("requestId")) {
            ObjectNode reco = v2.putObject("reco");
            for (String field : List.of("requestId", "tier", "modelVersion", "cohort")) {
                if (v2.has(field)) {
                    reco.set(field, v2.remove(field));
                }
            }
        }
        v2.put("schemaVersion", 2);
        return v2;
    }
}
