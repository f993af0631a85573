package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.ContractCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile input against the real API on real Kafka and Redis: events, products, queries
 * and admin bodies, valid and broken, as a stranger (or a buggy shop backend) would send them.
 * The invariants: no answer is a 5xx; every refusal is a problem detail without Java internals;
 * after every property, each recommendation endpoint still answers 200 with a tier.
 *
 * <p>Inputs come from a seeded generator, so a run is repeatable: the seed is printed, and
 * {@code -Dnightshift.property.seed=N} replays or explores another one. A failure names the seed
 * and the input.
 */
@RealServers
class HostileInputProperties {

    private static final long SEED = Long.getLong("nightshift.property.seed", 20261204L);
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static TestApi api;

    private final Random random = new Random(SEED);

    @BeforeAll
    static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
        api = TestApi.start(kafka, redis);
    }

    @AfterAll
    static void stop() {
        System.out.println("hostile inputs tried against the API: " + TRIED.get() + " (seed " + SEED + ")");
        api.close();
    }

    @Test
    @DisplayName("no generated event or batch of events is a server error")
    void eventsNeverCauseAServerError() {
        tryMany(250, r -> eventBody(), body -> api.send("POST", "/api/v1/events", body));
    }

    @Test
    @DisplayName("no generated product id or body, with the key, is a server error")
    void productsNeverCauseAServerError() {
        tryMany(150, r -> "/api/v1/products/" + URLEncoder.encode(productId(), StandardCharsets.UTF_8) + "\n" + productBody(), input -> {
            String[] pathAndBody = input.split("\n", 2);
            return api.send(HttpRequest.newBuilder(api.uri(pathAndBody[0]))
                    .header("Authorization", "Bearer " + TestApi.TOKEN).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(pathAndBody[1])).build());
        });
    }

    @Test
    @DisplayName("no generated admin body is a server error, and a malformed one changes nothing")
    void adminBodiesNeverCauseAServerError() {
        for (int i = 0; i < 150; i++) {
            AdminWrite write = adminWrite();
            HttpResponse<String> response = api.admin(write.method(), write.path(), write.body());
            assertRefusedCleanlyOrAccepted(write.toString(), response);
            if (write.malformed()) {
                assertThat(response.statusCode()).as("a malformed admin body must change nothing: %s (seed %s)", write, SEED)
                        .isBetween(400, 499);
            }
        }
    }

    @Test
    @DisplayName("no generated recommendation query is a server error")
    void recommendationQueriesNeverCauseAServerError() {
        tryMany(150, r -> "/api/v1/products/" + URLEncoder.encode(productId(), StandardCharsets.UTF_8) + "/recommendations?limit="
                + URLEncoder.encode(queryValue(), StandardCharsets.UTF_8) + "&userId=" + URLEncoder.encode(queryValue(), StandardCharsets.UTF_8),
                api::get);
    }

    @AfterEach
    void everyRecommendationEndpointStillAnswers() {
        for (String path : List.of("/api/v1/products/p-1/recommendations", "/api/v1/products/p-hostile/recommendations?userId=u-1&limit=5",
                "/api/v1/users/u-1/recommendations", "/api/v1/users/u-hostile/recommendations?limit=3")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as("%s answered %s", path, response.body()).isEqualTo(200);
            assertThat(TestApi.json(response).get("tier").asString()).isNotBlank();
        }
    }

    private void tryMany(int count, Function<Random, String> input, Function<String, HttpResponse<String>> send) {
        for (int i = 0; i < count; i++) {
            String sent = input.apply(random);
            assertRefusedCleanlyOrAccepted(sent, send.apply(sent));
        }
    }

    private static void assertRefusedCleanlyOrAccepted(String sent, HttpResponse<String> response) {
        TRIED.incrementAndGet();
        int status = response.statusCode();
        String context = "input " + abbreviate(sent) + " (seed " + SEED + ") answered " + status + " " + abbreviate(response.body());
        assertThat(status).as("never a server error: %s", context).isLessThan(500);
        if (status >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as(context)
                    .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
            JsonNode problem = TestApi.json(response);
            assertThat(problem.has("title") && problem.has("status") && problem.has("detail")).as(context).isTrue();
            assertThat(response.body()).as(context).doesNotContain("java.", "tools.jackson", "Exception", "\tat ");
        }
    }

    // --- generators ---------------------------------------------------------------------

    /** An admin request; {@code malformed} when the body breaks its contract (wrong types, unknown fields, not JSON). */
    record AdminWrite(String method, String path, String body, boolean malformed) {
    }

    private String eventBody() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> event();
            case 2 -> {
                List<String> batch = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    batch.add(event());
                }
                yield "[" + String.join(",", batch) + "]";
            }
            case 3 -> {
                String one = event();
                yield "[" + one + "," + one + "," + one + "]";
            }
            default -> junk();
        };
    }

    private String event() {
        String value = switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> ",\"value\":" + number();
            default -> ",\"value\":" + text();
        };
        return "{\"eventId\":" + eventId() + ",\"schemaVersion\":2,\"type\":" + type() + ",\"userId\":" + text() + ",\"productId\":" + text()
                + value + ",\"occurredAt\":" + time() + extraField() + "}";
    }

    private String productBody() {
        return random.nextInt(5) == 0 ? junk()
                : "{\"name\":" + text() + ",\"category\":" + text() + ",\"price\":" + number() + ",\"available\":" + bool() + "}";
    }

    private AdminWrite adminWrite() {
        return switch (random.nextInt(8)) {
            case 0 -> new AdminWrite("POST", "/api/v1/admin/runs", "{\"runId\":" + notAString() + "}", true);
            case 1 -> new AdminWrite("POST", "/api/v1/admin/runs", "{\"runId\":\"r-1\",\"colour\":" + text() + "}", true);
            case 2 -> new AdminWrite("PUT", "/api/v1/admin/kill-switches/batch", "{\"disabled\":" + notABoolean() + "}", true);
            case 3 -> new AdminWrite("PUT", "/api/v1/admin/kill-switches/fresh", "{\"disabled\":" + random.nextBoolean() + "}", false);
            case 4 -> new AdminWrite("PUT", "/api/v1/admin/schedule", "{\"cron\":" + text() + ",\"timeZone\":" + text() + "}", false);
            case 5 -> new AdminWrite("PUT", "/api/v1/admin/schedule", "{\"cron\":" + notAString() + ",\"timeZone\":\"UTC\"}", true);
            case 6 -> new AdminWrite("POST", "/api/v1/admin/versions/v-none/activate", text(), false);
            default -> new AdminWrite("POST", "/api/v1/admin/runs", pick("[]", "[[]]", "\"x\"", "42", "{\"eventId\":", "{", "]", "[null]",
                    "\u0000", "{\"a\":" + "[".repeat(2000)), true);
        };
    }

    private String productId() {
        return random.nextInt(3) == 0 ? anyString(40)
                : pick("p-1", "p-hostile", "p.ok_1", "", " ", "..", "p/../../etc", "p%00", "p\u0000x", "p-\u202e", "x".repeat(200),
                "<script>", "p-1;DROP TABLE events");
    }

    private String queryValue() {
        return random.nextInt(3) == 0 ? anyString(20)
                : pick("5", "0", "-1", "101", "0x10", "1e3", "abc", "", "99999999999999999999", "5.5", " 5", "+5", "u-1", "u\u0000", "\u0007", "%");
    }

    private String eventId() {
        return random.nextInt(4) == 0
                ? pick("\"not-a-uuid\"", "5", "null", "\"\"", "\"00000000-0000-0000-0000-000000000000\"")
                : quote(UUID.randomUUID().toString());
    }

    private String type() {
        return random.nextInt(4) == 0
                ? pick("\"VIEW\"", "\"wishlist\"", "1", "true", "null", "[\"view\"]")
                : quote(pick("view", "add_to_cart", "purchase", "rating", "reco_served", "reco_clicked"));
    }

    private String text() {
        return quote(random.nextInt(3) == 0 ? anyString(30)
                : pick("u-1", "p-1", "", " ", "a\u0000b", "line\nbreak", "tab\tin", "\u001b[31mred", "\u007f", "\u0085", "\u2028",
                "<img src=x onerror=alert(1)>", "'; DROP TABLE events; --", "\uD83E\uDD7E boot", "\uD800", "x".repeat(600), "été",
                "../../etc/passwd", "${jndi:ldap://x}", "%s%n"));
    }

    private String number() {
        return switch (random.nextInt(3)) {
            case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 10) * (random.nextBoolean() ? 1 : -1));
            case 1 -> Integer.toString(random.nextInt());
            default -> pick("1e308", "1e400", "-1e308", "-0", "0", "4", "4.5", "10", "11", "-3", "1e-400", "NaN", "Infinity", "\"NaN\"",
                    "\"Infinity\"", "0x10", "1_000", "99999999999999999999999999", "null", "true", "\"5\"");
        };
    }

    private String notAString() {
        return pick("5", "1e308", "-0", "NaN", "0x10", "true", "false", "{}", "[]", "{\"x\":1}", "99999999999999999999999999");
    }

    private String notABoolean() {
        return pick("\"false\"", "\"true\"", "0", "1", "{}", "[]", "\"yes\"", "1e308", text());
    }

    private String bool() {
        return pick("true", "false", "\"false\"", "\"true\"", "0", "1", "null", "\"yes\"");
    }

    private String time() {
        Instant now = Instant.now();
        return switch (random.nextInt(3)) {
            case 0 -> quote(Instant.ofEpochMilli(random.nextLong(-5_000_000_000_000L, 10_000_000_000_000L)).toString());
            case 1 -> pick("0", "1733313600000", "null", "true");
            default -> quote(pick(now.toString(), now.minus(Duration.ofDays(1)).toString(), now.plus(Duration.ofMinutes(2)).toString(),
                    "2099-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2199-12-31T23:59:59Z", "2026-02-31T00:00:00Z",
                    "2026-13-01T00:00:00Z", "2026-12-04T25:00:00Z", "2026-12-04T00:00:00+99:00", "2026-12-04", "yesterday", "",
                    "+999999999-12-31T23:59:59Z"));
        };
    }

    private String extraField() {
        return pick("", "", "", ",\"colour\":\"red\"", ",\"reco\":{\"requestId\":\"r-1\",\"tier\":\"batch\",\"cohort\":\"a\\u0000\"}",
                ",\"reco\":{\"requestId\":\"r-1\",\"tier\":\"batch\",\"modelVersion\":\"v1\"}", ",\"sessionId\":\"s-1\"", ",\"schemaVersion\":1",
                ",\"eventId\":\"dup\"", ",\"__proto__\":{}");
    }

    private String junk() {
        return pick("", "null", "[]", "{}", "[[]]", "\"x\"", "42", "{\"eventId\":", "{", "]", "[null]", "[1,2,3]", "{\"a\":" + "[".repeat(2000),
                "\u0000", "{\"schemaVersion\":2}", "[" + "{},".repeat(600) + "{}]");
    }

    /** Any UTF-16 text, lone surrogates and control characters included. */
    private String anyString(int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = random.nextInt(maxLength + 1); i < n; i++) {
            text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0xFFFF)));
        }
        return text.toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String quote(String text) {
        return ContractCodec.MAPPER.writeValueAsString(text);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
