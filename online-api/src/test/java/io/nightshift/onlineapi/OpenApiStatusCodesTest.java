package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.onlineapi.web.ApiOperations;
import io.nightshift.schemas.catalog.Product;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document against the running application: for every (operation, status) the document
 * lists, a request that produces it is sent to the real servers and must get exactly that status,
 * and the document must list exactly the statuses so observed (the 503s with Kafka and Redis
 * away, on a second application). A code added to a controller without the document, or a documented
 * code nothing returns, fails here.
 */
@RealServers
class OpenApiStatusCodesTest {

    private static final String READ_TOKEN = "read-only-token-for-the-document-test";

    /** Admin writes that succeed without any state set up first (the others need a staged version, and their own tests). */
    private static final Set<String> OWNER_COMMANDS = Set.of("POST /api/v1/admin/runs", "POST /api/v1/admin/replay");

    private static TestApi api;
    private static JsonNode refusedBatch;
    private static FeatureStore store;
    private static final AtomicInteger clients = new AtomicInteger();
    private static final Map<String, Set<Integer>> observed = new TreeMap<>();

    private static KafkaEndpoint kafka;
    /** A dead letter's {@code <topic>/<partition>/<offset>}, for the read of one. */
    private static String deadLetter;
    private static RedisEndpoint redis;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redisEndpoint) {
        kafka = kafkaEndpoint;
        redis = redisEndpoint;
        // One request per client address at this rate, so 429 is reachable on demand and nothing else is limited.
        api = TestApi.start(kafka, redis,
                "--nightshift.rate-limit.enabled=true",
                "--nightshift.rate-limit.requests-per-second=0.001",
                "--nightshift.rate-limit.burst=1",
                "--nightshift.rate-limit.trust-forwarded-for=true",
                "--nightshift.http.max-request-size=4KB",
                "--nightshift.admin.read-token=" + READ_TOKEN,
                "--nightshift.http.cors-allowed-origins=https://shop.example");
        deadLetter = DeadLettersTest.deadLetter(kafka, "shop.events.v1", "u-doc", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "InvalidPayloadException: $.eventId: required", 0);
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        api.close();
        store.close();
    }

    private record Call(String method, String path, String contentType, String body, Map<String, String> headers) {
        Call with(String name, String value) {
            Map<String, String> all = new TreeMap<>(headers);
            all.put(name, value);
            return new Call(method, path, contentType, body, all);
        }
    }

    private static Call call(String method, String path, String body) {
        return new Call(method, path, body == null ? null : "application/json", body, Map.of());
    }

    private static Call plain(String method, String path, String body) {
        return new Call(method, path, "text/plain", body, Map.of());
    }

    private static HttpResponse<String> send(Call call, String client) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(call.path())).header("X-Forwarded-For", client)
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        call.headers().forEach(request::header);
        return api.send(request.build());
    }

    private static String newClient() {
        int n = clients.incrementAndGet();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** The 503s: writes with Kafka away and no spool to fall back on, reads with Redis stopped. */
    private static void serversAway() {
        LocalRedis stopping = LocalRedis.start();
        TestApi normal = api;
        try (stopping; TestApi away = TestApi.start(nowhere(), stopping.endpoint(),
                "--nightshift.spool.enabled=false", "--nightshift.kafka.max-block=1s", "--nightshift.redis.timeout=200ms",
                "--nightshift.rate-limit.enabled=true", "--nightshift.rate-limit.trust-forwarded-for=true")) {
            api = away;
            // A fresh Redis holds no version, so there is nothing to roll back to, whatever other tests left in the shared one.
            expect("POST /api/v1/admin/versions/rollback", 409, owner(call("POST", "/api/v1/admin/versions/rollback", null)));
            stopping.stop();
            adminOutages();
            String product = "{\"name\":\"Lamp\",\"category\":\"lamps\",\"available\":true}";
            for (HttpResponse<String> unavailable : List.of(
                    expect("POST /api/v1/events", 503, call("POST", "/api/v1/events", event())),
                    expect("POST /api/v1/admin/backfill/events", 503, owner(call("POST", "/api/v1/admin/backfill/events", event()))),
                    expect("POST /api/v1/catalog", 503, keyed(call("POST", "/api/v1/catalog", "[{\"productId\":\"p-away\"," + product.substring(1) + "]"))),
                    expect("PUT /api/v1/products/{productId}", 503, keyed(call("PUT", "/api/v1/products/p-away", product))),
                    expect("DELETE /api/v1/products/{productId}", 503, keyed(call("DELETE", "/api/v1/products/p-away", null))),
                    expect("DELETE /api/v1/users/{userId}", 503, keyed(call("DELETE", "/api/v1/users/u-away", null))),
                    expect("GET /api/v1/products/{productId}", 503, call("GET", "/api/v1/products/p-away", null)),
                    expect("POST /api/v1/admin/runs", 503, owner(call("POST", "/api/v1/admin/runs", "{}"))),
                    expect("POST /api/v1/admin/replay", 503, owner(call("POST", "/api/v1/admin/replay", "{}"))))) {
                assertThat(unavailable.headers().firstValue("Retry-After")).as(unavailable.uri().toString()).isPresent();
            }
        } finally {
            api = normal;
        }
    }

    /** The admin operations' 503s, on the application whose Kafka and Redis are away. */
    private static void adminOutages() {
        for (String read : List.of("/api/v1/admin/versions", "/api/v1/admin/kill-switches", "/api/v1/admin/cohorts/{cohort}/pin",
                "/api/v1/admin/cohorts", "/api/v1/admin/dead-letters", "/api/v1/admin/dead-letters/{topic}/{partition}/{offset}")) {
            expect("GET " + read, 503, owner(call("GET", concrete(read), null)));
        }
        expect("POST /api/v1/admin/versions/{version}/activate", 503, owner(call("POST", "/api/v1/admin/versions/v-away/activate", null)));
        expect("POST /api/v1/admin/versions/rollback", 503, owner(call("POST", "/api/v1/admin/versions/rollback", null)));
        expect("PUT /api/v1/admin/kill-switches/{tier}", 503, owner(call("PUT", "/api/v1/admin/kill-switches/batch", "{\"disabled\":true}")));
        expect("PUT /api/v1/admin/cohorts/{cohort}/pin", 503, owner(call("PUT", "/api/v1/admin/cohorts/a/pin", "{\"modelVersion\":\"v-away\"}")));
        expect("DELETE /api/v1/admin/cohorts/{cohort}/pin", 503, owner(call("DELETE", "/api/v1/admin/cohorts/a/pin", null)));
        expect("PUT /api/v1/admin/schedule", 503, owner(call("PUT", "/api/v1/admin/schedule", "{\"cron\":\"0 30 2 * * *\",\"timeZone\":\"UTC\"}")));
    }

    /** What the admin operations refuse on their own (ApiOperations.ADMIN_ERRORS), each produced once. */
    private static void adminRefusals() {
        expect("POST /api/v1/admin/runs", 400, owner(call("POST", "/api/v1/admin/runs", "{\"runId\":\"not an id!\"}")));
        expect("POST /api/v1/admin/replay", 400, owner(call("POST", "/api/v1/admin/replay", "{\"replayId\":\"not an id!\"}")));
        expect("PUT /api/v1/admin/schedule", 400, owner(call("PUT", "/api/v1/admin/schedule", "{\"cron\":\"nope\",\"timeZone\":\"UTC\"}")));
        expect("POST /api/v1/admin/versions/{version}/activate", 400, owner(call("POST", "/api/v1/admin/versions/bad!version/activate", null)));
        expect("POST /api/v1/admin/versions/{version}/activate", 409,
                owner(call("POST", "/api/v1/admin/versions/v-unknown-" + UUID.randomUUID() + "/activate", null)));
        expect("PUT /api/v1/admin/kill-switches/{tier}", 400, owner(call("PUT", "/api/v1/admin/kill-switches/nope", "{\"disabled\":true}")));
        expect("GET /api/v1/admin/cohorts/{cohort}/pin", 404, owner(call("GET", "/api/v1/admin/cohorts/zz/pin", null)));
        expect("DELETE /api/v1/admin/cohorts/{cohort}/pin", 404, owner(call("DELETE", "/api/v1/admin/cohorts/zz/pin", null)));
        String pin = "/api/v1/admin/cohorts/a/pin";
        expect("PUT /api/v1/admin/cohorts/{cohort}/pin", 404, owner(call("PUT", "/api/v1/admin/cohorts/zz/pin", "{\"modelVersion\":\"v-1\"}")));
        expect("PUT /api/v1/admin/cohorts/{cohort}/pin", 400, owner(call("PUT", pin, "{\"modelVersion\":\"not a version!\"}")));
        String letter = "GET /api/v1/admin/dead-letters/{topic}/{partition}/{offset}";
        expect(letter, 400, owner(call("GET", "/api/v1/admin/dead-letters/shop.events.v1.dlq/x/0", null)));
        expect(letter, 404, owner(call("GET", "/api/v1/admin/dead-letters/shop.events.v1/0/0", null)));
        expect("PUT /api/v1/admin/cohorts/{cohort}/pin", 409, owner(call("PUT", pin, "{\"modelVersion\":\"v-unknown-" + UUID.randomUUID() + "\"}")));
    }

    private static KafkaEndpoint nowhere() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new KafkaEndpoint("127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the call from a client of its own ({@code limited}: twice, so the second is over the rate) and records the status. */
    private static HttpResponse<String> expect(String operation, int status, Call call, boolean limited) {
        String client = newClient();
        HttpResponse<String> response = send(call, client);
        if (limited) {
            response = send(call, client);
        }
        assertThat(response.statusCode()).as(operation + " expected " + status + ": " + response.body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as(operation + " " + status)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(TestApi.json(response).get("status").asInt()).isEqualTo(status);
            if (status == 429 || status == 503) {
                assertThat(response.headers().firstValue("Retry-After")).as(operation + " " + status).isPresent();
            }
        }
        observed.computeIfAbsent(operation, key -> new TreeSet<>()).add(status);
        return response;
    }

    private static HttpResponse<String> expect(String operation, int status, Call call) {
        return expect(operation, status, call, false);
    }

    private static String event() {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"schemaVersion\":2,\"type\":\"view\",\"userId\":\"u-doc\","
                + "\"productId\":\"p-doc\",\"occurredAt\":\"" + Instant.now() + "\"}";
    }

    private static String tooLarge() {
        return "{\"pad\":\"" + "x".repeat(6000) + "\"}";
    }

    private static Call keyed(Call call) {
        return call.with("X-Api-Key", TestApi.CATALOG_KEY);
    }

    private static Call owner(Call call) {
        return call.with("Authorization", "Bearer " + TestApi.TOKEN);
    }

    private static void integratorOperations() {
        String events = "POST /api/v1/events";
        HttpResponse<String> ingested = expect(events, 202, call("POST", "/api/v1/events", "[" + event() + "," + event() + "]"));
        JsonNode accepted = TestApi.json(ingested);
        assertThat(accepted.get("accepted").asInt()).isEqualTo(2);
        assertThat(accepted.has("duplicates") && accepted.has("rejected") && accepted.has("spooled")).as(ingested.body()).isTrue();
        JsonNode refused = TestApi.json(expect(events, 400, call("POST", "/api/v1/events", "[" + event() + ",{}]")));
        refusedBatch = refused;
        assertThat(refused.get("accepted").asInt()).as("the batch's valid event is written").isEqualTo(1);
        assertThat(refused.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        expect(events, 413, call("POST", "/api/v1/events", tooLarge()));
        expect(events, 415, plain("POST", "/api/v1/events", event()));
        expect(events, 429, call("POST", "/api/v1/events", event()), true);

        String backfill = "POST /api/v1/admin/backfill/events";
        String path = "/api/v1/admin/backfill/events";
        expect(backfill, 202, owner(call("POST", path, event())));
        expect(backfill, 400, owner(call("POST", path, "{}")));
        expect(backfill, 401, call("POST", path, event()));
        expect(backfill, 403, call("POST", path, event()).with("Authorization", "Bearer " + READ_TOKEN));
        expect(backfill, 413, owner(call("POST", path, tooLarge())));
        expect(backfill, 415, owner(plain("POST", path, event())));

        String catalog = "POST /api/v1/catalog";
        String products = "[{\"productId\":\"p-doc-1\",\"name\":\"Lamp\",\"category\":\"lamps\",\"available\":true}]";
        expect(catalog, 202, keyed(call("POST", "/api/v1/catalog", products)));
        expect(catalog, 400, keyed(call("POST", "/api/v1/catalog", "{}")));
        expect(catalog, 401, call("POST", "/api/v1/catalog", products));
        expect(catalog, 413, keyed(call("POST", "/api/v1/catalog", tooLarge())));
        expect(catalog, 415, keyed(plain("POST", "/api/v1/catalog", products)));
        expect(catalog, 429, keyed(call("POST", "/api/v1/catalog", products)), true);

        String put = "PUT /api/v1/products/{productId}";
        String product = "{\"name\":\"Lamp\",\"category\":\"lamps\",\"price\":12.5,\"available\":true}";
        expect(put, 202, keyed(call("PUT", "/api/v1/products/p-doc-2", product)));
        expect(put, 400, keyed(call("PUT", "/api/v1/products/p-doc-2", "{\"name\":\"Lamp\",\"category\":\"lamps\",\"available\":\"yes\"}")));
        expect(put, 401, call("PUT", "/api/v1/products/p-doc-2", product));
        expect(put, 413, keyed(call("PUT", "/api/v1/products/p-doc-2", tooLarge())));
        expect(put, 415, keyed(plain("PUT", "/api/v1/products/p-doc-2", product)));
        expect(put, 429, keyed(call("PUT", "/api/v1/products/p-doc-2", product)), true);

        String delete = "DELETE /api/v1/products/{productId}";
        expect(delete, 202, keyed(call("DELETE", "/api/v1/products/p-doc-3", null)));
        expect(delete, 400, keyed(call("DELETE", "/api/v1/products/bad!id", null)));
        expect(delete, 401, call("DELETE", "/api/v1/products/p-doc-3", null));
        expect(delete, 429, keyed(call("DELETE", "/api/v1/products/p-doc-3", null)), true);

        String erase = "DELETE /api/v1/users/{userId}";
        expect(erase, 202, keyed(call("DELETE", "/api/v1/users/u-doc-erased", null)));
        expect(erase, 202, owner(call("DELETE", "/api/v1/users/u-doc-erased", null)));
        expect(erase, 400, keyed(call("DELETE", "/api/v1/users/bad!id", null)));
        expect(erase, 401, call("DELETE", "/api/v1/users/u-doc-erased", null));
        expect(erase, 429, keyed(call("DELETE", "/api/v1/users/u-doc-erased", null)), true);

        String read = "GET /api/v1/products/{productId}";
        store.catalog().putProduct(new Product("p-doc-4", "Desk lamp", "office", 24.5, true));
        expect(read, 200, call("GET", "/api/v1/products/p-doc-4", null));
        expect(read, 400, call("GET", "/api/v1/products/bad!id", null));
        expect(read, 404, call("GET", "/api/v1/products/p-doc-unknown-" + UUID.randomUUID(), null));
        expect(read, 429, call("GET", "/api/v1/products/p-doc-4", null), true);

        for (String reco : List.of("/api/v1/products/{productId}/recommendations", "/api/v1/users/{userId}/recommendations")) {
            String operation = "GET " + reco;
            String concrete = reco.replaceAll("\\{[^}]+}", "doc-1");
            expect(operation, 200, call("GET", concrete, null));
            expect(operation, 400, call("GET", concrete + "?limit=0", null));
            expect(operation, 400, call("GET", concrete + "?exclude=p-1,bad!id", null));
            expect(operation, 429, call("GET", concrete, null), true);
        }
        for (String list : List.of("/api/v1/recommendations/popular", "/api/v1/recommendations/latest")) {
            String operation = "GET " + list;
            expect(operation, 200, call("GET", list + "?limit=3&category=lamps", null));
            expect(operation, 400, call("GET", list + "?category=a%01b", null));
            expect(operation, 429, call("GET", list, null), true);
        }

        String basket = "POST /api/v1/recommendations/basket";
        String basketPath = "/api/v1/recommendations/basket";
        String basketBody = "{\"productIds\":[\"p-doc-1\",\"p-doc-2\"],\"limit\":3}";
        expect(basket, 200, call("POST", basketPath, basketBody));
        expect(basket, 400, call("POST", basketPath, "{\"productIds\":[]}"));
        expect(basket, 400, call("POST", basketPath, "{\"productIds\":[\"p-1\"],\"colour\":\"red\"}"));
        expect(basket, 413, call("POST", basketPath, tooLarge()));
        expect(basket, 415, plain("POST", basketPath, basketBody));
        expect(basket, 429, call("POST", basketPath, basketBody), true);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.properties().forEach(member -> names.add(member.getKey()));
        return names;
    }

    /** The documented catalog request examples, sent as they are, are taken: an integrator can copy them. */
    private static void examplesAreAccepted(JsonNode document) {
        JsonNode put = document.at("/paths/~1api~1v1~1products~1{productId}/put/requestBody/content/application~1json/example");
        JsonNode bulk = document.at("/paths/~1api~1v1~1catalog/post/requestBody/content/application~1json/example");
        assertThat(put.isObject() && bulk.isArray()).as("the catalog operations carry examples").isTrue();
        expect("PUT /api/v1/products/{productId}", 202, keyed(call("PUT", "/api/v1/products/p-0007", put.toString())));
        expect("POST /api/v1/catalog", 202, keyed(call("POST", "/api/v1/catalog", bulk.toString())));
        JsonNode basket = document.at("/paths/~1api~1v1~1recommendations~1basket/post/requestBody/content/application~1json/example");
        assertThat(basket.isObject()).as("the basket operation carries an example").isTrue();
        expect("POST /api/v1/recommendations/basket", 200, call("POST", "/api/v1/recommendations/basket", basket.toString()));
        for (String operation : List.of("/api/v1/products/{productId}/recommendations", "/api/v1/recommendations/latest",
                "/api/v1/recommendations/basket")) {
            JsonNode answer = document.at("/paths/" + operation.replace("~", "~0").replace("/", "~1") + "/"
                    + (operation.endsWith("basket") ? "post" : "get") + "/responses/200/content/application~1json/example");
            assertThat(answer.has("tier") && answer.has("items")).as(operation + " shows an example answer").isTrue();
        }
    }

    /** The other admin operations: the owner's token is checked first, so these two codes are reachable for each without knowing its body. */
    private static void adminOperations(JsonNode document) {
        document.get("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/v1/admin/") || path.getKey().equals("/api/v1/admin/backfill/events")) {
                return;
            }
            String concrete = concrete(path.getKey());
            path.getValue().properties().forEach(entry -> {
                String method = entry.getKey().toUpperCase();
                String operation = method + " " + path.getKey();
                String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
                expect(operation, 401, call(method, concrete, body));
                if (!method.equals("GET")) {
                    expect(operation, 403, call(method, concrete, body).with("Authorization", "Bearer " + READ_TOKEN));
                }
                if (method.equals("GET") || OWNER_COMMANDS.contains(operation)) {
                    int success = OWNER_COMMANDS.contains(operation) ? 202 : 200;
                    expect(operation, success, owner(call(method, concrete, body)));
                }
            });
        });
    }

    /**
     * A path template with its variables filled in: a cohort must be one the API knows, and a dead letter one that exists,
     * for a read to succeed.
     */
    private static String concrete(String template) {
        return template.replace("{cohort}", "a").replace("{topic}/{partition}/{offset}", deadLetter).replaceAll("\\{[^}]+}", "doc-1");
    }

    /** Every operation, asked from a page of another origin than the shop's. */
    private static void crossOrigin(JsonNode document) {
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            String method = entry.getKey().toUpperCase();
            String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
            expect(method + " " + path.getKey(), 403,
                    call(method, path.getKey().replaceAll("\\{[^}]+}", "doc-1"), body).with("Origin", "https://elsewhere.example"));
        }));
    }

    /** The README names it: the document's browsable form, served from the jar (no CDN). */
    private static void swaggerUi() {
        HttpResponse<String> page = api.get("/swagger-ui/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        HttpResponse<String> config = api.get("/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs");
    }

    private static Map<String, Set<Integer>> documented(JsonNode document) {
        Map<String, Set<Integer>> codes = new TreeMap<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            Set<Integer> statuses = new TreeSet<>();
            entry.getValue().get("responses").properties().forEach(response -> statuses.add(Integer.parseInt(response.getKey())));
            codes.put(entry.getKey().toUpperCase() + " " + path.getKey(), statuses);
        }));
        return codes;
    }

    /** The document as served, for a look without starting the application. */
    private static void writeForReaders(String document) {
        try {
            Files.writeString(Path.of("target", "openapi.json"), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("every status an operation returns is in the document, and every documented status is returned (or listed with why not here)")
    void documentTellsTheTruth() {
        HttpResponse<String> docs = api.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode document = TestApi.json(docs);
        writeForReaders(docs.body());
        integratorOperations();
        examplesAreAccepted(document);
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().get("responses").properties().forEach(response -> {
                    if (response.getKey().equals("429") || response.getKey().equals("503")) {
                        assertThat(response.getValue().at("/headers/Retry-After/schema/type").asString())
                                .as(operation.getKey() + " " + path.getKey() + " " + response.getKey() + " documents Retry-After").isEqualTo("integer");
                    }
                })));
        JsonNode example = document.at("/paths/~1api~1v1~1events/post/responses/400/content/application~1problem+json/example");
        assertThat(names(example)).as("the refused batch's example has the members of a real one").isEqualTo(names(refusedBatch));
        adminOperations(document);
        adminRefusals();

        crossOrigin(document);
        serversAway();
        swaggerUi();

        Map<String, Set<Integer>> documented = documented(document);
        assertThat(documented.keySet()).as("ApiOperations.ADMIN_ERRORS names served operations only").containsAll(ApiOperations.ADMIN_ERRORS.keySet());
        List<String> lies = new ArrayList<>();
        observed.forEach((operation, statuses) -> statuses.forEach(status -> {
            if (!documented.getOrDefault(operation, Set.of()).contains(status)) {
                lies.add(operation + " returned " + status + " but the document does not say so");
            }
        }));
        documented.forEach((operation, statuses) -> {
            boolean admin = operation.contains(" /api/v1/admin/") && !operation.endsWith("/backfill/events");
            statuses.forEach(status -> {
                String pair = operation + " " + status;
                boolean seen = observed.getOrDefault(operation, Set.of()).contains(status);
                // Admin operations beyond 401/403 are documented by springdoc from their return types only.
                if (!seen && !(admin && status < 300)) {
                    lies.add(pair + " is documented but no request here produced it");
                }
            });
        });
        assertThat(lies).isEmpty();
    }
}
