package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The filters and the shop's lists with Redis stopped: 200 and last-known-good, never a 5xx; bad input still a 400. */
@RealServers
class ListsWithoutRedisTest {

    private static List<String> items(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("productId").asString()));
        return ids;
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApi.json(response);
    }

    @Test
    @DisplayName("with Redis stopped, popular, latest, basket and filtered lists answer last-known-good")
    void lastKnownGood(KafkaEndpoint kafka) {
        LocalRedis redis = LocalRedis.start();
        try (redis;
             FeatureStore store = FeatureStore.connect(FeatureStoreSettings.of("127.0.0.1", redis.endpoint().port()));
             TestApi api = TestApi.start(kafka, redis.endpoint(), "--nightshift.redis.timeout=200ms")) {
            store.features().setPopular("p-top", 30);
            store.features().setPopular("p-second", 20);
            store.features().setPopular("p-third", 10);
            store.features().setTrending("books", "p-novel", 5);
            store.catalog().putProduct(new Product("p-new", "New", "books", 1.0, true), Instant.now());
            store.versions().stageList("v-1", "p-1", List.of(new ScoredItem("p-a", 0.9), new ScoredItem("p-b", 0.8)), Instant.now(), 1);
            store.versions().activate("v-1", "test");
            assertThat(items(ok(api.get("/api/v1/recommendations/popular?category=books")))).containsExactly("p-novel");
            assertThat(items(ok(api.get("/api/v1/recommendations/latest")))).containsExactly("p-new");
            assertThat(ok(api.get("/api/v1/products/p-1/recommendations?limit=2")).get("tier").asString()).isEqualTo("batch");

            redis.stop();

            JsonNode popular = ok(api.get("/api/v1/recommendations/popular?limit=2"));
            assertThat(popular.get("tier").asString()).isEqualTo("last-known-good");
            assertThat(popular.get("stale").asBoolean()).isTrue();
            assertThat(items(popular)).containsExactly("p-top", "p-second");
            assertThat(items(ok(api.get("/api/v1/recommendations/popular?category=books")))).containsExactly("p-novel");
            JsonNode latest = ok(api.get("/api/v1/recommendations/latest"));
            assertThat(latest.get("tier").asString()).isEqualTo("last-known-good");
            assertThat(items(latest)).containsExactly("p-new");
            assertThat(items(ok(api.get("/api/v1/recommendations/latest?category=never-read")))).isEmpty();

            JsonNode excluded = ok(api.get("/api/v1/products/p-1/recommendations?limit=2&exclude=p-a"));
            assertThat(excluded.get("tier").asString()).isEqualTo("last-known-good");
            assertThat(items(excluded)).hasSize(2).startsWith("p-b").doesNotContain("p-a");
            JsonNode category = ok(api.get("/api/v1/products/p-1/recommendations?category=books"));
            assertThat(category.get("tier").asString()).isEqualTo("last-known-good");
            assertThat(items(category)).as("categories cannot be checked without Redis").isEmpty();
            assertThat(items(ok(api.get("/api/v1/users/u-1/recommendations?category=books")))).isEmpty();
            assertThat(items(ok(api.get("/api/v1/users/u-1/recommendations?limit=2&exclude=p-top")))).containsExactly("p-second", "p-third");

            JsonNode basket = ok(api.send("POST", "/api/v1/recommendations/basket", "{\"productIds\":[\"p-top\"],\"limit\":2}"));
            assertThat(basket.get("tier").asString()).isEqualTo("last-known-good");
            assertThat(items(basket)).containsExactly("p-second", "p-third");
            assertThat(api.send("POST", "/api/v1/recommendations/basket", "{\"productIds\":[]}").statusCode()).isEqualTo(400);
            assertThat(api.get("/api/v1/recommendations/latest?limit=0").statusCode()).isEqualTo(400);
        }
    }
}
