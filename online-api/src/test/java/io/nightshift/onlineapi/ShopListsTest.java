package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.Product;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/recommendations/popular} and {@code /latest} against real Redis and Kafka. */
@RealServers
class ShopListsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /** Above any score other tests give popular products in the shared Redis. */
    private static final double TOP = 1e15;

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

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode get(String path) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApi.json(response);
    }

    private static List<String> items(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("productId").asString()));
        return ids;
    }

    private static JsonNode await(String path, Predicate<JsonNode> condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        JsonNode answer = get(path);
        while (!condition.test(answer) && System.nanoTime() < end) {
            Thread.onSpinWait();
            answer = get(path);
        }
        return answer;
    }

    @Test
    @DisplayName("popular answers the shop's most popular products, never a deleted one, and a category's trending set with category=")
    void popular() {
        String first = id("pop");
        String second = id("pop");
        String deleted = id("pop");
        store.features().setPopular(deleted, TOP + 3);
        store.features().setPopular(first, TOP + 2);
        store.features().setPopular(second, TOP + 1);
        assertThat(api.catalog("DELETE", "/api/v1/products/" + deleted, null).statusCode()).isEqualTo(202);

        JsonNode answer = await("/api/v1/recommendations/popular?limit=2", a -> !items(a).contains(deleted));
        assertThat(answer.get("tier").asString()).isEqualTo("popular");
        assertThat(items(answer)).containsExactly(first, second);
        assertThat(answer.get("stale").asBoolean()).isFalse();
        assertThat(answer.get("requestId").asString()).isNotBlank();

        String category = id("cat");
        String hot = id("hot");
        String warm = id("warm");
        store.features().setTrending(category, hot, 9);
        store.features().setTrending(category, warm, 3);
        JsonNode trending = get("/api/v1/recommendations/popular?category=" + category);
        assertThat(trending.get("tier").asString()).isEqualTo("trending");
        assertThat(items(trending)).containsExactly(hot, warm);
        assertThat(trending.get("items").get(0).get("score").asDouble()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("latest answers the newest products by first appearance, newest first, never unavailable or deleted ones")
    void latest() {
        String category = id("new");
        Instant t0 = Instant.now().minus(Duration.ofDays(3));
        String oldest = put(category, true, t0);
        String unavailable = put(category, false, t0.plusSeconds(10));
        String middle = put(category, true, t0.plusSeconds(20));
        String newest = put(category, true, t0.plusSeconds(30));
        String deleted = put(category, true, t0.plusSeconds(40));
        assertThat(api.catalog("DELETE", "/api/v1/products/" + deleted, null).statusCode()).isEqualTo(202);

        JsonNode answer = await("/api/v1/recommendations/latest?category=" + category, a -> !items(a).contains(deleted));
        assertThat(answer.get("tier").asString()).isEqualTo("latest");
        assertThat(items(answer)).containsExactly(newest, middle, oldest).doesNotContain(unavailable);
        assertThat(answer.get("items").get(1).get("score").asDouble()).isEqualTo(0.5);
        assertThat(items(get("/api/v1/recommendations/latest?limit=2&category=" + category))).containsExactly(newest, middle);

        String brandNew = put(id("other"), true, Instant.now().plus(Duration.ofDays(365)));
        assertThat(items(get("/api/v1/recommendations/latest?limit=1"))).containsExactly(brandNew);
    }

    private static String put(String category, boolean available, Instant appearedAt) {
        String id = id("p");
        store.catalog().putProduct(new Product(id, "Thing", category, 1.0, available), appearedAt);
        return id;
    }

    @Test
    @DisplayName("the owner's kill switch for latest empties the list and the answer says so")
    void killSwitch() {
        String category = id("k");
        String product = put(category, true, Instant.now());
        try {
            assertThat(api.admin("PUT", "/api/v1/admin/kill-switches/latest", "{\"disabled\":true}").statusCode()).isEqualTo(200);
            JsonNode off = get("/api/v1/recommendations/latest?category=" + category);
            assertThat(items(off)).isEmpty();
            assertThat(off.get("disabledTiers").toString()).contains("latest");
        } finally {
            api.admin("PUT", "/api/v1/admin/kill-switches/latest", "{\"disabled\":false}");
        }
        assertThat(items(get("/api/v1/recommendations/latest?category=" + category))).containsExactly(product);
    }

    @Test
    @DisplayName("a bad limit or category is a 400 naming it")
    void badInput() {
        for (String list : List.of("popular", "latest")) {
            HttpResponse<String> limit = api.get("/api/v1/recommendations/" + list + "?limit=0");
            assertThat(limit.statusCode()).isEqualTo(400);
            assertThat(TestApi.json(limit).at("/errors/0/field").asString()).isEqualTo("limit");
            HttpResponse<String> category = api.get("/api/v1/recommendations/" + list + "?category=a%0Ab");
            assertThat(category.statusCode()).isEqualTo(400);
            assertThat(TestApi.json(category).at("/errors/0/field").asString()).isEqualTo("category");
            assertThat(api.get("/api/v1/recommendations/" + list + "?category=" + "c".repeat(129)).statusCode()).isEqualTo(400);
        }
    }
}
