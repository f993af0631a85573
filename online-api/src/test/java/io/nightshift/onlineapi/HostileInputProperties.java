package io.nightshift.onlineapi;

import io.nightshift.infra.local.junit.SharedServers;
import io.nightshift.schemas.codec.ContractCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile input against the real API on real Kafka and Redis: events, products and
 * admin bodies, valid and broken, as a stranger (or a buggy shop backend) would send them.
 * The invariants: no answer is a 5xx; every refusal is a problem detail without Java internals;
 * after every property, each recommendation endpoint still answers 200 with a tier.
 */
class HostileInputProperties {

    private static final AtomicInteger TRIED = new AtomicInteger();
    private static TestApi api;

    @BeforeContainer
    static void start() {
        api = TestApi.start(SharedServers.kafka(), SharedServers.redis());
    }

    @AfterContainer
    static void stop() {
        System.out.println("hostile inputs tried against the API: " + TRIED.get());
        api.close();
    }

    @Property(tries = 250)
    void eventsNeverCauseAServerError(@ForAll("eventBodies") String body) {
        assertRefusedCleanlyOrAccepted(api.send("POST", "/api/v1/events", body));
    }

    @Property(tries = 150)
    void productsNeverCauseAServerError(@ForAll("productIds") String productId, @ForAll("productBodies") String body) {
        String path = "/api/v1/products/" + URLEncoder.encode(productId, StandardCharsets.UTF_8);
        assertRefusedCleanlyOrAccepted(api.send(HttpRequest.newBuilder(api.uri(path))
                .header("Authorization", "Bearer " + TestApi.TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    @Property(tries = 150)
    void adminBodiesNeverCauseAServerError(@ForAll("adminWrites") AdminWrite write) {
        HttpResponse<String> response = api.admin(write.method(), write.path(), write.body());
        assertRefusedCleanlyOrAccepted(response);
        if (write.malformed()) {
            assertThat(response.statusCode()).as("a malformed admin body must change nothing: %s", write).isBetween(400, 499);
        }
    }

    @Property(tries = 150)
    void recommendationQueriesNeverCauseAServerError(@ForAll("productIds") String productId, @ForAll("queryValues") String limit,
                                                     @ForAll("queryValues") String userId) {
        String path = "/api/v1/products/" + URLEncoder.encode(productId, StandardCharsets.UTF_8) + "/recommendations?limit="
                + URLEncoder.encode(limit, StandardCharsets.UTF_8) + "&userId=" + URLEncoder.encode(userId, StandardCharsets.UTF_8);
        assertRefusedCleanlyOrAccepted(api.get(path));
    }

    @AfterProperty
    void everyRecommendationEndpointStillAnswers() {
        for (String path : List.of("/api/v1/products/p-1/recommendations", "/api/v1/products/p-hostile/recommendations?userId=u-1&limit=5",
                "/api/v1/users/u-1/recommendations", "/api/v1/users/u-hostile/recommendations?limit=3")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as("%s answered %s", path, response.body()).isEqualTo(200);
            assertThat(TestApi.json(response).get("tier").asString()).isNotBlank();
        }
    }

    private static void assertRefusedCleanlyOrAccepted(HttpResponse<String> response) {
        TRIED.incrementAndGet();
        int status = response.statusCode();
        assertThat(status).as("never a server error: %s", response.body()).isLessThan(500);
        if (status >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
            JsonNode problem = TestApi.json(response);
            assertThat(problem.has("title") && problem.has("status") && problem.has("detail")).as(response.body()).isTrue();
            assertThat(response.body()).doesNotContain("java.", "tools.jackson", "Exception", "\tat ");
        }
    }

    // --- generators ---------------------------------------------------------------------

    @Provide
    Arbitrary<String> eventBodies() {
        Arbitrary<String> one = Combinators.combine(eventIds(), types(), texts(), texts(), values(), times(), extraFields())
                .as((id, type, user, product, value, time, extra) -> "{\"eventId\":" + id + ",\"schemaVersion\":2,\"type\":" + type
                        + ",\"userId\":" + user + ",\"productId\":" + product + value + ",\"occurredAt\":" + time + extra + "}");
        return Arbitraries.oneOf(one, one.list().ofMinSize(1).ofMaxSize(4).map(list -> "[" + String.join(",", list) + "]"),
                one.map(event -> "[" + event + "," + event + "," + event + "]"), junk());
    }

    @Provide
    Arbitrary<String> productBodies() {
        return Arbitraries.oneOf(Combinators.combine(texts(), texts(), numbers(), booleans())
                        .as((name, category, price, available) -> "{\"name\":" + name + ",\"category\":" + category + ",\"price\":" + price
                                + ",\"available\":" + available + "}"),
                junk());
    }

    @Provide
    Arbitrary<String> productIds() {
        return Arbitraries.oneOf(Arbitraries.of("p-1", "p-hostile", "p.ok_1", "", " ", "..", "p/../../etc", "p%00", "p\u0000x", "p-\u202e",
                "x".repeat(200), "<script>", "p-1;DROP TABLE events"), Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> queryValues() {
        return Arbitraries.oneOf(Arbitraries.of("5", "0", "-1", "101", "0x10", "1e3", "abc", "", "99999999999999999999", "5.5", " 5",
                "u-1", "u\u0000", "\u0007", "%"), Arbitraries.strings().ofMaxLength(20));
    }

    /** An admin request; {@code malformed} when the body breaks its contract (wrong types, unknown fields, not JSON). */
    record AdminWrite(String method, String path, String body, boolean malformed) {
    }

    @Provide
    Arbitrary<AdminWrite> adminWrites() {
        // Values that are no string, no boolean, or neither: each is the wrong type somewhere below.
        Arbitrary<String> notAString = Arbitraries.oneOf(numbers().filter(v -> !v.startsWith("\"") && !"null".equals(v)),
                Arbitraries.of("true", "false", "{}", "[]", "{\"x\":1}"));
        Arbitrary<String> notABoolean = Arbitraries.oneOf(numbers().filter(v -> !"null".equals(v)), texts(), Arbitraries.of("\"false\"", "0", "1", "{}"));
        return Arbitraries.oneOf(
                notAString.map(v -> new AdminWrite("POST", "/api/v1/admin/runs", "{\"runId\":" + v + "}", true)),
                texts().map(t -> new AdminWrite("POST", "/api/v1/admin/runs", "{\"runId\":\"r-1\",\"colour\":" + t + "}", true)),
                notABoolean.map(v -> new AdminWrite("PUT", "/api/v1/admin/kill-switches/batch", "{\"disabled\":" + v + "}", true)),
                Arbitraries.of(true, false).map(v -> new AdminWrite("PUT", "/api/v1/admin/kill-switches/fresh", "{\"disabled\":" + v + "}", false)),
                Combinators.combine(texts(), texts()).as((cron, zone) ->
                        new AdminWrite("PUT", "/api/v1/admin/schedule", "{\"cron\":" + cron + ",\"timeZone\":" + zone + "}", false)),
                notAString.map(v -> new AdminWrite("PUT", "/api/v1/admin/schedule", "{\"cron\":" + v + ",\"timeZone\":\"UTC\"}", true)),
                texts().map(t -> new AdminWrite("POST", "/api/v1/admin/versions/v-none/activate", t, false)),
                junk().filter(j -> !j.isEmpty() && !"{}".equals(j) && !"null".equals(j))
                        .map(j -> new AdminWrite("POST", "/api/v1/admin/runs", j, true)));
    }

    private static Arbitrary<String> eventIds() {
        return Arbitraries.oneOf(Arbitraries.create(() -> quote(UUID.randomUUID().toString())),
                Arbitraries.of("\"not-a-uuid\"", "5", "null", "\"\"", "\"00000000-0000-0000-0000-000000000000\""));
    }

    private static Arbitrary<String> types() {
        return Arbitraries.oneOf(Arbitraries.of("view", "add_to_cart", "purchase", "rating", "reco_served", "reco_clicked").map(HostileInputProperties::quote),
                Arbitraries.of("\"VIEW\"", "\"wishlist\"", "1", "true", "null", "[\"view\"]"));
    }

    private static Arbitrary<String> texts() {
        Arbitrary<String> nasty = Arbitraries.of("u-1", "p-1", "", " ", "a\u0000b", "line\nbreak", "tab\tin", "\u001b[31mred", "\u007f", "\u0085",
                "\u2028", "<img src=x onerror=alert(1)>", "'; DROP TABLE events; --", "\uD83E\uDD7E boot", "\uD800", "x".repeat(600),
                "été", "../../etc/passwd", "${jndi:ldap://x}", "%s%n");
        return Arbitraries.oneOf(nasty, Arbitraries.strings().all().ofMaxLength(30))
                .map(HostileInputProperties::quote)
                .injectDuplicates(0.05)
                .edgeCases(edges -> edges.includeOnly("\"u-1\""));
    }

    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.just(""), numbers().map(n -> ",\"value\":" + n), texts().map(t -> ",\"value\":" + t));
    }

    private static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(Arbitraries.of("1e308", "1e400", "-1e308", "-0", "0", "4", "4.5", "10", "11", "-3", "1e-400", "NaN",
                        "Infinity", "\"NaN\"", "\"Infinity\"", "0x10", "1_000", "99999999999999999999999999", "null", "true", "\"5\""),
                Arbitraries.doubles().map(d -> Double.toString(d)).filter(d -> !d.contains("Infinity") && !d.contains("NaN")),
                Arbitraries.integers().map(Object::toString));
    }

    private static Arbitrary<String> booleans() {
        return Arbitraries.of("true", "false", "\"false\"", "\"true\"", "0", "1", "null", "\"yes\"");
    }

    private static Arbitrary<String> times() {
        Instant now = Instant.now();
        return Arbitraries.oneOf(Arbitraries.of(now.toString(), now.minus(Duration.ofDays(1)).toString(), now.plus(Duration.ofMinutes(2)).toString(),
                                "2099-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2199-12-31T23:59:59Z", "2026-02-31T00:00:00Z",
                                "2026-13-01T00:00:00Z", "2026-12-04T25:00:00Z", "2026-12-04T00:00:00+99:00", "2026-12-04", "yesterday", "",
                                "+999999999-12-31T23:59:59Z")
                        .map(HostileInputProperties::quote),
                Arbitraries.longs().between(-5_000_000_000_000L, 10_000_000_000_000L).map(ms -> quote(Instant.ofEpochMilli(ms).toString())),
                Arbitraries.of("0", "1733313600000", "null", "true"));
    }

    private static Arbitrary<String> extraFields() {
        return Arbitraries.of("", "", "", ",\"colour\":\"red\"", ",\"reco\":{\"requestId\":\"r-1\",\"tier\":\"batch\",\"cohort\":\"a\\u0000\"}",
                ",\"reco\":{\"requestId\":\"r-1\",\"tier\":\"batch\",\"modelVersion\":\"v1\"}", ",\"sessionId\":\"s-1\"", ",\"schemaVersion\":1",
                ",\"eventId\":\"dup\"", ",\"__proto__\":{}");
    }

    private static Arbitrary<String> junk() {
        return Arbitraries.of("", "null", "[]", "{}", "[[]]", "\"x\"", "42", "{\"eventId\":", "{", "]", "[null]", "[1,2,3]", "{\"a\":" + "[".repeat(2000),
                "\u0000", "{\"schemaVersion\":2}", "[" + "{},".repeat(600) + "{}]");
    }

    private static String quote(String text) {
        return ContractCodec.MAPPER.writeValueAsString(text);
    }
}
