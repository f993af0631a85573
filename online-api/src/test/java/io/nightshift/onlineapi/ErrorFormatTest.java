package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.codec.ContractCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One error format on every path: whatever refuses a request (a controller, Spring MVC, Jackson,
 * the servlet container), the client gets an {@code application/problem+json} body with
 * {@code type}, {@code title}, {@code status} and {@code detail}, a JSON Pointer to the field at
 * fault, and nothing of the server's insides. Sent over a plain socket, byte for byte as written.
 */
@RealServers
class ErrorFormatTest {

    private static final List<String> INSIDES = List.of("java.", "tools.jackson", "Exception", "at io.", "<html", "<HTML",
            "No static resource", "springframework");

    private static TestApi api;
    private static FeatureStore store;

    @BeforeAll
    static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
        api = TestApi.start(kafka, redis);
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        api.close();
        store.close();
    }

    private static RawHttp.Answer raw(String method, String target, Map<String, String> headers, String body) {
        return RawHttp.send("127.0.0.1", api.port(), method, target, headers, body);
    }

    private static RawHttp.Answer get(String target) {
        return raw("GET", target, Map.of(), null);
    }

    private static RawHttp.Answer admin(String method, String target, String body) {
        return raw(method, target, Map.of("Authorization", "Bearer " + TestApi.TOKEN, "Content-Type", "application/json"), body);
    }

    /** Asserts the common shape and returns the parsed problem. */
    private static JsonNode problem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return shape(answer);
    }

    private static JsonNode shape(RawHttp.Answer answer) {
        assertThat(answer.header("Content-Type")).as("content type of %s", answer.body()).startsWith("application/problem+json");
        assertThat(answer.body()).as("what the client sees").doesNotContain(INSIDES);
        JsonNode problem = ContractCodec.MAPPER.readTree(answer.body());
        assertThat(problem.path("type").asString("")).as(answer.body()).startsWith("https://nightshift.io/problems/");
        assertThat(problem.path("title").asString("")).as(answer.body()).isNotBlank();
        assertThat(problem.path("status").asInt()).as(answer.body()).isEqualTo(answer.status());
        assertThat(problem.path("detail").asString("")).as(answer.body()).isNotBlank();
        return problem;
    }

    private static List<String> pointers(JsonNode problem) {
        List<String> pointers = new ArrayList<>();
        problem.path("errors").forEach(error -> pointers.add(error.path("pointer").asString(null)));
        return pointers;
    }

    @Test
    @DisplayName("a query parameter that is not a number is a 400 pointing at it")
    void limitNotANumber() {
        JsonNode problem = problem(get("/api/v1/products/p-1/recommendations?limit=abc"), 400);
        assertThat(pointers(problem)).containsExactly("/limit");
    }

    @Test
    @DisplayName("numbers in query parameters are plain decimals: 0x10 is not 16")
    void limitInHex() {
        assertThat(pointers(problem(get("/api/v1/products/p-1/recommendations?limit=0x10"), 400))).containsExactly("/limit");
        assertThat(pointers(problem(get("/api/v1/products/p-1/recommendations?limit=%2B5"), 400))).containsExactly("/limit");
        assertThat(get("/api/v1/products/p-1/recommendations?limit=16").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a range error names the parameter by pointer and by its old field name")
    void limitOutOfRange() {
        JsonNode problem = problem(get("/api/v1/products/p-1/recommendations?limit=0"), 400);
        assertThat(problem.at("/errors/0/pointer").asString()).isEqualTo("/limit");
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("limit");
    }

    @Test
    @DisplayName("a body field at fault is pointed at inside the document")
    void bodyFieldPointer() {
        RawHttp.Answer answer = raw("PUT", "/api/v1/products/p-err-1", Map.of("X-Api-Key", TestApi.CATALOG_KEY,
                "Content-Type", "application/json"), "{\"name\":\"Lamp\",\"category\":\"lamps\",\"available\":\"yes\"}");
        assertThat(pointers(problem(answer, 400))).contains("/product/available");
    }

    @Test
    @DisplayName("401 without a token carries a type and a challenge")
    void unauthorized() {
        RawHttp.Answer answer = get("/api/v1/admin/laptop");
        problem(answer, 401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    @DisplayName("an unknown path is a 404 problem that does not talk about static resources")
    void unknownPath() {
        problem(get("/nope"), 404);
        problem(get("/api/v1/nope"), 404);
        problem(get("/nope.html"), 404);
        problem(raw("GET", "/api/v1/nope", Map.of("Accept", "text/html"), null), 404);
    }

    @Test
    @DisplayName("an unknown actuator endpoint or metric is a 404 problem too")
    void unknownActuatorPaths() {
        problem(get("/actuator/nope"), 404);
        problem(admin("GET", "/actuator/metrics/no.such.metric", null), 404);
    }

    @Test
    @DisplayName("/error asked for directly is not found, not a 500")
    void errorPath() {
        problem(get("/error"), 404);
    }

    @Test
    @DisplayName("a method the path does not take is a 405 problem with Allow")
    void methodNotAllowed() {
        RawHttp.Answer answer = raw("POST", "/api/v1/products/p-1/recommendations", Map.of("Content-Type", "application/json"), "{}");
        problem(answer, 405);
        assertThat(answer.header("Allow")).contains("GET");
    }

    @Test
    @DisplayName("a body in a media type the endpoint does not read is a 415 problem")
    void unsupportedMediaType() {
        problem(raw("POST", "/api/v1/events", Map.of("Content-Type", "text/plain"), "hello"), 415);
    }

    @Test
    @DisplayName("asking for a representation the API does not have is a 406 problem, in JSON all the same")
    void notAcceptable() {
        problem(raw("GET", "/api/v1/products/p-1/recommendations", Map.of("Accept", "image/png"), null), 406);
    }

    @Test
    @DisplayName("an empty body names no Java method; malformed JSON names no parser")
    void emptyAndMalformedBodies() {
        JsonNode empty = problem(admin("PUT", "/api/v1/admin/schedule", ""), 400);
        assertThat(pointers(empty)).containsExactly("");
        problem(admin("PUT", "/api/v1/admin/schedule", "{\"cron\":"), 400);
        problem(raw("POST", "/api/v1/events", Map.of("Content-Type", "application/json"), "{\"eventId\":"), 400);
    }

    @Test
    @DisplayName("an unknown field in an admin body is a 400 pointing at it")
    void unknownAdminField() {
        JsonNode problem = problem(admin("PUT", "/api/v1/admin/schedule", "{\"cron\":\"0 0 2 * * *\",\"timeZone\":\"UTC\",\"colour\":\"red\"}"), 400);
        assertThat(pointers(problem)).containsExactly("/colour");
    }

    @Test
    @DisplayName("a number where the admin API expects a string is refused, and no run is requested")
    void runIdMustBeAString() {
        JsonNode problem = problem(admin("POST", "/api/v1/admin/runs", "{\"runId\":5}"), 400);
        assertThat(pointers(problem)).containsExactly("/runId");
        assertThat(api.admin("GET", "/api/v1/admin/runs", null).body()).doesNotContain("\"runId\":\"5\"");
    }

    @Test
    @DisplayName("\"false\" and 0 are not booleans: the kill switch stays as it was")
    void disabledMustBeABoolean() {
        for (String body : List.of("{\"disabled\":\"false\"}", "{\"disabled\":\"true\"}", "{\"disabled\":0}", "{\"disabled\":1}")) {
            JsonNode problem = problem(admin("PUT", "/api/v1/admin/kill-switches/fresh", body), 400);
            assertThat(pointers(problem)).as(body).containsExactly("/disabled");
        }
        assertThat(store.controls().disabledTiers()).doesNotContain(Tier.FRESH);
    }

    @Test
    @DisplayName("a NUL byte escaped in the path is refused by the container in the same format")
    void nulInPath() {
        shape(expectClientError(get("/api/v1/products/%00/recommendations")));
        shape(expectClientError(get("/%00")));
    }

    @Test
    @DisplayName("an 8 KB path or header is refused by the container in the same format")
    void oversizedRequestLineAndHeader() {
        shape(expectClientError(get("/api/v1/products/" + "p".repeat(9000) + "/recommendations")));
        shape(expectClientError(raw("GET", "/api/v1/products/p-1/recommendations", Map.of("X-Filler", "x".repeat(9000)), null)));
    }

    @Test
    @DisplayName("a request line that is not HTTP is refused in the same format")
    void malformedRequestLine() {
        shape(expectClientError(raw("GET", "/api/v1/products/p 1/recommendations", Map.of(), null)));
    }

    @Test
    @DisplayName("with no origin configured, a cross-origin preflight gets no permission")
    void crossOriginClosedByDefault() {
        RawHttp.Answer preflight = raw("OPTIONS", "/api/v1/events", Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"), null);
        // Spring answers such a preflight 200 without any Access-Control-Allow-* header, which browsers treat as a refusal.
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
        RawHttp.Answer read = raw("GET", "/api/v1/products/p-1/recommendations", Map.of("Origin", "https://evil.example"), null);
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
    }

    private static RawHttp.Answer expectClientError(RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        return answer;
    }
}
