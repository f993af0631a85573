package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what: catalog writes need the shop backend's key (or the owner's token), health
 * details are the owner's, and the console does not hand out the token. Started with two catalog
 * keys, as during a key rotation, and with the shop's own site as the one origin allowed to call from a browser.
 */
@RealServers
@ExtendWith(OutputCaptureExtension.class)
class TrustBoundaryTest {

    private static final String SHOP_ORIGIN = "https://shop.example";
    private static final String ROTATED_KEY = "rotated-catalog-key-0123456789";
    private static final String PRODUCT = "{\"name\":\"Lamp\",\"category\":\"lamps\",\"price\":12.5,\"available\":true}";

    private static TestApi api;

    @BeforeAll
    static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
        api = TestApi.start(kafka, redis, "--nightshift.catalog.api-keys=" + TestApi.CATALOG_KEY + "," + ROTATED_KEY,
                "--nightshift.http.cors-allowed-origins=" + SHOP_ORIGIN);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> write(String method, String path, String body, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        return api.send(request.build());
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(TestApi.json(response).path("type").asString("")).endsWith("/unauthorized");
    }

    @Test
    @DisplayName("catalog writes without a key are refused with 401, before anything is written")
    void catalogWritesNeedAKey() {
        assertUnauthorized(write("PUT", "/api/v1/products/p-trust-1", PRODUCT, null, null));
        assertUnauthorized(write("DELETE", "/api/v1/products/p-trust-1", null, null, null));
        assertUnauthorized(write("POST", "/api/v1/catalog", "[" + PRODUCT + "]", null, null));
    }

    @Test
    @DisplayName("a wrong key, a key of another role and the shopper's nothing are all 401")
    void wrongKeysAreRefused() {
        assertUnauthorized(write("PUT", "/api/v1/products/p-trust-2", PRODUCT, "X-Api-Key", "not-the-catalog-key-at-all"));
        assertUnauthorized(write("PUT", "/api/v1/products/p-trust-2", PRODUCT, "X-Api-Key", TestApi.CATALOG_KEY.substring(0, 10)));
        assertUnauthorized(write("PUT", "/api/v1/products/p-trust-2", PRODUCT, "Authorization", "Bearer wrong"));
        assertUnauthorized(write("POST", "/api/v1/catalog", "[" + PRODUCT + "]", "Authorization", "Basic " + TestApi.CATALOG_KEY));
    }

    @Test
    @DisplayName("every configured key writes, in either header, so a key can be rotated without downtime")
    void everyConfiguredKeyWrites() {
        assertThat(write("PUT", "/api/v1/products/p-trust-3", PRODUCT, "X-Api-Key", TestApi.CATALOG_KEY).statusCode()).isEqualTo(202);
        assertThat(write("PUT", "/api/v1/products/p-trust-3", PRODUCT, "X-Api-Key", ROTATED_KEY).statusCode()).isEqualTo(202);
        assertThat(write("POST", "/api/v1/catalog", "[{\"productId\":\"p-trust-4\",\"name\":\"Desk\",\"category\":\"desks\",\"available\":true}]",
                "Authorization", "Bearer " + ROTATED_KEY).statusCode()).isEqualTo(202);
        assertThat(write("DELETE", "/api/v1/products/p-trust-4", null, "X-Api-Key", ROTATED_KEY).statusCode()).isEqualTo(202);
    }

    @Test
    @DisplayName("the owner's admin token may write the catalog too")
    void ownerMayWriteTheCatalog() {
        assertThat(write("PUT", "/api/v1/products/p-trust-5", PRODUCT, "Authorization", "Bearer " + TestApi.TOKEN).statusCode()).isEqualTo(202);
    }

    @Test
    @DisplayName("product reads and recommendations stay public")
    void readsStayPublic() {
        assertThat(api.get("/api/v1/products/p-trust-none").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/products/p-trust-none/recommendations").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("no key, right or wrong, ever reaches the log")
    void keysAreNeverLogged(CapturedOutput output) {
        String wrong = "wrong-key-that-must-not-be-logged";
        write("PUT", "/api/v1/products/p-trust-6", PRODUCT, "X-Api-Key", wrong);
        write("PUT", "/api/v1/products/p-trust-6", "{\"name\":", "X-Api-Key", ROTATED_KEY);
        write("PUT", "/api/v1/products/p-trust-6", PRODUCT, "X-Api-Key", ROTATED_KEY);
        assertThat(output.getAll()).doesNotContain(wrong, ROTATED_KEY, TestApi.CATALOG_KEY, TestApi.TOKEN);
    }

    @Test
    @DisplayName("anyone sees whether the API is up; only the owner sees Redis, disk paths and the spool")
    void healthDetailsAreTheOwners() {
        HttpResponse<String> anonymous = api.get("/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        JsonNode status = TestApi.json(anonymous);
        assertThat(status.path("status").asString()).isEqualTo("UP");
        assertThat(status.has("components")).as(anonymous.body()).isFalse();
        assertThat(anonymous.body()).doesNotContain("127.0.0.1", "spool", "path");

        HttpResponse<String> wrong = api.send(HttpRequest.newBuilder(api.uri("/actuator/health")).header("Authorization", "Bearer wrong").build());
        assertThat(TestApi.json(wrong).has("components")).isFalse();

        HttpResponse<String> owner = api.admin("GET", "/actuator/health", null);
        JsonNode details = TestApi.json(owner);
        assertThat(details.at("/components/featureStore/details/redis").asString()).startsWith("reachable");
        assertThat(details.at("/components/spool/details/records").isNumber()).as(owner.body()).isTrue();
    }

    @Test
    @DisplayName("a health component's details, such as the spool's, are the owner's too")
    void componentDetailsAreTheOwners() {
        HttpResponse<String> anonymous = api.get("/actuator/health/spool");
        assertThat(anonymous.body()).doesNotContain("records");
        HttpResponse<String> owner = api.admin("GET", "/actuator/health/spool", null);
        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(owner).at("/details/records").isNumber()).as(owner.body()).isTrue();
    }

    @Test
    @DisplayName("the console page does not come with the admin token outside the demo")
    void consoleHasNoTokenByDefault() {
        for (String page : List.of("/console.html", "/console.js", "/console/settings")) {
            HttpResponse<String> response = api.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).doesNotContain(TestApi.TOKEN);
        }
    }

    @Test
    @DisplayName("pages, API answers and errors carry the browser protections")
    void securityHeaders() {
        for (String path : List.of("/index.html", "/console.html", "/api/v1/products/p-1/recommendations", "/api/v1/nope", "/api/v1/admin/laptop")) {
            HttpResponse<String> response = api.get(path);
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(path).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
                    "base-uri 'self'");
            assertThat(policy).as(path).doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).isPresent();
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
        }
    }

    @Test
    @DisplayName("the pages hold no inline script, style or event handler for the policy to block")
    void pagesHaveNoInlineCode() {
        for (String page : List.of("/index.html", "/console.html")) {
            String html = api.get(page).body();
            assertThat(html).as(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
            assertThat(html).as(page).doesNotContain("<style", " style=", "javascript:");
            assertThat(html).as(page).doesNotContainPattern("\\son[a-z]+\\s*=");
        }
    }

    private static HttpResponse<String> preflight(String origin, String path) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build());
    }

    @Test
    @DisplayName("only the configured origin may call the API from a browser; others get a 403 problem")
    void crossOriginOnlyForConfiguredOrigins() {
        HttpResponse<String> shop = preflight(SHOP_ORIGIN, "/api/v1/events");
        assertThat(shop.statusCode()).isEqualTo(200);
        assertThat(shop.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP_ORIGIN);

        HttpResponse<String> evil = preflight("https://evil.example", "/api/v1/events");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> read = api.send(HttpRequest.newBuilder(api.uri("/api/v1/products/p-1/recommendations"))
                .header("Origin", "https://evil.example").build());
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> admin = preflight(SHOP_ORIGIN, "/api/v1/admin/runs");
        assertThat(admin.headers().firstValue("Access-Control-Allow-Origin")).as("the admin API stays same-origin").isEmpty();
    }
}
