package io.nightshift.onlineapi.web;

import java.util.List;
import java.util.Map;

/**
 * What each operation of the integrator API answers, in one table: the OpenAPI document's responses
 * and request bodies are built from it ({@link OpenApiConfiguration}), and the status-code test
 * sends a request for every pair listed here and checks the server answers exactly that. A new
 * status code an operation can return belongs here, or the document lies.
 */
public final class ApiOperations {

    /** A request or success body: a component schema name and an example resource (JSON) on the classpath. */
    public record Body(String schema, String example) {
    }

    /**
     * One operation: its success status and body ({@code success == null}: the body springdoc derives
     * from the method's return type stays), and every error status with what causes it.
     */
    public record Documented(String method, String path, Body request, int successStatus, String successDescription, Body success,
                             Map<Integer, String> errors) {
        public Documented {
            errors = withCrossOrigin(errors);
        }

        public String key() {
            return method + " " + path;
        }
    }

    static final String TOO_LARGE = "the body is over nightshift.http.max-request-size (1MB by default)";
    static final String NOT_JSON = "Content-Type is not application/json";
    static final String RATE = "the client is over its rate (nightshift.rate-limit.*); Retry-After says when to come back";
    static final String SPOOL = "Kafka is away and the local spool is full or disabled; Retry-After says when to retry (resending is safe)";
    static final String CATALOG_KEY = "no key, or a key not in nightshift.catalog.api-keys (header X-Api-Key or Authorization: Bearer)";
    static final String ADMIN_TOKEN = "no bearer token, or not nightshift.admin.token / nightshift.admin.read-token";
    static final String READ_ONLY = "the read-only token (nightshift.admin.read-token) may only read";

    static final String LIST_PARAMETERS = "limit is not an integer between 1 and nightshift.serving.max-limit, or category has a control "
            + "character or over 128 characters";

    static final String CROSS_ORIGIN = "a browser's request from an Origin not in nightshift.http.cors-allowed-origins, once any is configured "
            + "(the admin API takes none)";

    /** Every operation refuses a cross-origin request it does not allow; where 403 has another cause too, both are named. */
    private static Map<Integer, String> withCrossOrigin(Map<Integer, String> errors) {
        Map<Integer, String> all = new java.util.HashMap<>(errors);
        all.merge(403, CROSS_ORIGIN, (own, cors) -> own + "; or " + cors);
        return Map.copyOf(all);
    }

    private static final Body EVENTS = new Body("ShopEventIntake", "examples/shop-event.v2.json");
    private static final Body INGESTED = new Body("IngestAccepted", "openapi/ingest-accepted.example.json");
    private static final Body CATALOG_EVENT = new Body("CatalogEvent", "examples/catalog-event.v1.json");
    private static final Body PRODUCT = new Body("Product", "openapi/product.example.json");

    public static final List<Documented> INTEGRATOR = List.of(
            new Documented("POST", "/api/v1/events", EVENTS, 202, "every event valid; written (or spooled)", INGESTED, Map.of(
                    400, "an event breaks the shop-event schema or the intake's bounds (accepted: the valid ones of a batch were still "
                            + "written; rejected: by index), the array is empty or over 500, or the body is not JSON",
                    413, TOO_LARGE, 415, NOT_JSON, 429, RATE, 503, SPOOL)),
            new Documented("POST", "/api/v1/admin/backfill/events", EVENTS, 202, "every event valid; written (or spooled)", INGESTED, Map.of(
                    400, "as POST /api/v1/events, without the lower limit on occurredAt",
                    401, ADMIN_TOKEN, 403, READ_ONLY, 413, TOO_LARGE, 415, NOT_JSON, 503, SPOOL)),
            new Documented("POST", "/api/v1/catalog", new Body("ProductBatch", "openapi/product-batch.example.json"), 202,
                    "every product valid; written (or spooled)", INGESTED, Map.of(
                    400, "a product breaks the catalog schema (accepted: the valid ones were still written; rejected: by index), "
                            + "the body is not an array, is empty or over 500",
                    401, CATALOG_KEY, 413, TOO_LARGE, 415, NOT_JSON, 429, RATE, 503, SPOOL)),
            new Documented("PUT", "/api/v1/products/{productId}", new Body("ProductWrite", "openapi/product-write.example.json"), 202,
                    "the upsert is in the catalog topic (header Nightshift-Spooled: true while it waits in the local spool)", CATALOG_EVENT, Map.of(
                    400, "a field breaks the catalog schema, the body's productId differs from the path's, or the path's id is invalid",
                    401, CATALOG_KEY, 413, TOO_LARGE, 415, NOT_JSON, 429, RATE, 503, SPOOL)),
            new Documented("DELETE", "/api/v1/products/{productId}", null, 202,
                    "the delete is in the catalog topic; the product is never recommended again",
                    new Body("CatalogEvent", "openapi/catalog-delete.example.json"), Map.of(
                    400, "the path's product id is invalid", 401, CATALOG_KEY, 429, RATE, 503, SPOOL)),
            new Documented("GET", "/api/v1/products/{productId}", null, 200, "the product as the shop last described it", PRODUCT, Map.of(
                    400, "the path's product id is invalid", 404, "the catalog does not know the product", 429, RATE,
                    503, "Redis is unreachable; Retry-After: 5")),
            new Documented("GET", "/api/v1/products/{productId}/recommendations", null, 200,
                    "a list from the first tier that has one; also while the laptop, Kafka or Redis are away", null, Map.of(
                    400, "an id is invalid, limit is not an integer between 1 and nightshift.serving.max-limit, category has a control "
                            + "character or over 128 characters, or exclude has an invalid id or more than 100", 429, RATE)),
            new Documented("DELETE", "/api/v1/users/{userId}", null, 202,
                    "the erasure is in shop.erasures.v1 (header Nightshift-Spooled: true while it waits in the local spool); the "
                            + "shopper's Redis features are gone already, the analysts' rows and the laptop's copy follow (docs/privacy.md)",
                    new Body("Erasure", "examples/erasure.v1.json"), Map.of(
                    400, "the path's user id is invalid", 401, CATALOG_KEY, 429, RATE, 503, SPOOL)),
            new Documented("GET", "/api/v1/users/{userId}/recommendations", null, 200,
                    "the user's list, or popular for a user without history; also while the laptop, Kafka or Redis are away", null, Map.of(
                    400, "the user id is invalid, limit is not an integer between 1 and nightshift.serving.max-limit, category has a "
                            + "control character or over 128 characters, or exclude has an invalid id or more than 100", 429, RATE)),
            new Documented("GET", "/api/v1/recommendations/popular", null, 200,
                    "the shop's popular products (tier popular), or with category= its trending set (tier trending); "
                            + "last-known-good while Redis is away", null, Map.of(
                    400, LIST_PARAMETERS, 429, RATE)),
            new Documented("GET", "/api/v1/recommendations/latest", null, 200,
                    "the newest products by first appearance in the catalog (tier latest); last-known-good while Redis is away", null, Map.of(
                    400, LIST_PARAMETERS, 429, RATE)),
            new Documented("POST", "/api/v1/recommendations/basket", new Body("BasketRequest", "openapi/basket-request.example.json"), 200,
                    "related products for the basket; also while the laptop, Kafka or Redis are away", null, Map.of(
                    400, "productIds is missing, empty, over 50 or has an invalid id ($.productIds[i]); userId, limit, category or exclude "
                            + "is invalid (named by its $.field); an unknown field; or the body is not a JSON object",
                    413, TOO_LARGE, 415, NOT_JSON, 429, RATE)));

    /** Examples of success bodies springdoc derives from a return type (the table gives no body for them). */
    public static final Map<String, String> SUCCESS_EXAMPLES = Map.of(
            "GET /api/v1/products/{productId}/recommendations", "openapi/recommendation.example.json",
            "GET /api/v1/users/{userId}/recommendations", "openapi/for-you.example.json",
            "GET /api/v1/recommendations/popular", "openapi/popular.example.json",
            "GET /api/v1/recommendations/latest", "openapi/latest.example.json",
            "POST /api/v1/recommendations/basket", "openapi/basket.example.json");

    /** Error answers whose example is a resource rather than the generic one: a refused batch says what it still wrote. */
    public static final Map<String, String> ERROR_EXAMPLES = Map.of(
            "POST /api/v1/events 400", "openapi/batch-refused.example.json",
            "POST /api/v1/admin/backfill/events 400", "openapi/batch-refused.example.json",
            "POST /api/v1/catalog 400", "openapi/batch-refused.example.json");

    /** Every other admin operation: the owner's token is checked before anything else. */
    public static final Map<Integer, String> ADMIN_READ = withCrossOrigin(Map.of(401, ADMIN_TOKEN));
    public static final Map<Integer, String> ADMIN_WRITE = withCrossOrigin(Map.of(401, ADMIN_TOKEN, 403, READ_ONLY));

    /**
     * Admin commands that only go to the control topic: their success is a 202 (not the 200
     * springdoc assumes for a {@code ResponseEntity}), and they are never spooled (a "run now"
     * replayed hours later would surprise), so Kafka away is a 503.
     */
    public static final java.util.Set<String> ADMIN_COMMANDS = java.util.Set.of("POST /api/v1/admin/runs", "POST /api/v1/admin/replay",
            "PUT /api/v1/admin/schedule");
    static final String COMMAND_UNSENT = "Kafka is away: the command is not kept; Retry-After says when to ask again";

    static final String REDIS_AWAY = "Redis is unreachable: nothing was read or changed; Retry-After: 5";
    static final String UNKNOWN_COHORT = "the cohort is not one of nightshift.serving.cohorts (errors names it)";

    /**
     * What each admin operation answers besides the token's 401/403 (and a command's 503): the
     * refusals of its own checks and the outages it cannot hide. Keyed like {@link Documented#key()}.
     */
    public static final Map<String, Map<Integer, String>> ADMIN_ERRORS = Map.ofEntries(
            Map.entry("POST /api/v1/admin/runs", Map.of(400, "runId is not an id (1-128 of A-Z a-z 0-9 . _ : @ / + -), or the body is not JSON")),
            Map.entry("POST /api/v1/admin/replay", Map.of(400,
                    "replayId is not an id, detail is over 2000 characters or holds control characters, or the body is not JSON")),
            Map.entry("PUT /api/v1/admin/schedule", Map.of(400,
                    "$.cron is not a six-field cron, $.timeZone not an IANA zone, or the body is not JSON")),
            Map.entry("GET /api/v1/admin/versions", Map.of(503, REDIS_AWAY)),
            Map.entry("POST /api/v1/admin/versions/{version}/activate", Map.of(
                    400, "the version is not [A-Za-z0-9._-]{1,64}",
                    409, "the version is unknown or not complete (detail says which)", 503, REDIS_AWAY)),
            Map.entry("POST /api/v1/admin/versions/rollback", Map.of(409, "there is no previous version to roll back to", 503, REDIS_AWAY)),
            Map.entry("GET /api/v1/admin/kill-switches", Map.of(503, REDIS_AWAY)),
            Map.entry("PUT /api/v1/admin/kill-switches/{tier}", Map.of(
                    400, "the tier is not batch, fresh, trending, popular or last-known-good, $.disabled is missing, or the body is not JSON",
                    503, REDIS_AWAY)),
            Map.entry("GET /api/v1/admin/cohorts/{cohort}/pin", Map.of(404, UNKNOWN_COHORT, 503, REDIS_AWAY)),
            Map.entry("PUT /api/v1/admin/cohorts/{cohort}/pin", Map.of(
                    400, "$.modelVersion is missing or not [A-Za-z0-9._-]{1,64}, or the body is not JSON", 404, UNKNOWN_COHORT,
                    409, "$.modelVersion is unknown or not complete (errors names it)", 503, REDIS_AWAY)),
            Map.entry("DELETE /api/v1/admin/cohorts/{cohort}/pin", Map.of(404, UNKNOWN_COHORT, 503, REDIS_AWAY)),
            Map.entry("GET /api/v1/admin/cohorts", Map.of(503, REDIS_AWAY)),
            Map.entry("GET /api/v1/admin/dead-letters/{topic}/{partition}/{offset}", Map.of(
                    400, "partition or offset is not a whole number", 404,
                    "the topic is not a *.dlq topic, or that partition and offset hold no record (never written, past retention, "
                            + "or a transaction marker)",
                    503, "Kafka did not answer within 3 s, or does not let this API read the *.dlq topics; Retry-After says when to ask again")),
            Map.entry("GET /api/v1/admin/dead-letters", Map.of(503,
                    "Kafka did not answer within 3 s, or does not let this API read the *.dlq topics; Retry-After says when to ask again")));

    private ApiOperations() {
    }
}
