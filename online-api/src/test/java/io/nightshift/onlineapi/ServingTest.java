package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.request.FreshRequest;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.Tier;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class ServingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static TestApi api;
    private static FeatureStore store;
    private static KafkaEndpoint kafka;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redis) {
        kafka = kafkaEndpoint;
        api = TestApi.start(kafkaEndpoint, redis);
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

    private static JsonNode recommend(String productId, String query) {
        HttpResponse<String> response = api.get("/api/v1/products/" + productId + "/recommendations" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApi.json(response);
    }

    private static List<String> items(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("productId").asString()));
        return ids;
    }

    /** Polls the endpoint until the answer satisfies the condition (the projections behind it are asynchronous). */
    private static JsonNode awaitAnswer(String productId, String query, Predicate<JsonNode> condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        JsonNode answer = recommend(productId, query);
        while (!condition.test(answer) && System.nanoTime() < end) {
            Thread.onSpinWait();
            answer = recommend(productId, query);
        }
        return answer;
    }

    private static void stageAndActivate(String productId, List<ScoredItem> items) {
        String version = id("v");
        store.versions().stageList(version, productId, items, Instant.now(), 1);
        assertThat(store.versions().activate(version, "test").refused()).isFalse();
    }

    @Test
    @DisplayName("a product reads back as the catalog projection describes it; an unknown one is a 404 problem")
    void readsAProduct() {
        String product = id("p");
        store.catalog().putProduct(new Product(product, "Desk lamp", "office", 24.5, true));
        HttpResponse<String> found = api.get("/api/v1/products/" + product);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(found).get("name").asString()).isEqualTo("Desk lamp");

        HttpResponse<String> missing = api.get("/api/v1/products/" + id("nope"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no product");
        assertThat(api.get("/api/v1/products/bad%20id").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("an id with a slash, sent as %2F, reaches the product it names")
    void idsWithSlashes() {
        String product = "rolls/buns-" + UUID.randomUUID().toString().substring(0, 8);
        store.catalog().putProduct(new Product(product, "Rolls and buns", "bakery", 2.0, true));
        HttpResponse<String> found = api.get("/api/v1/products/" + product.replace("/", "%2F"));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(TestApi.json(found).get("productId").asString()).isEqualTo(product);
        JsonNode answer = recommend(product.replace("/", "%2F"), "");
        assertThat(answer.get("productId").asString()).isEqualTo(product);
    }

    @Test
    @DisplayName("falls back popular → trending → fresh → batch as Redis content appears")
    void fallsBackThroughTiers() {
        String product = id("p");
        String category = id("c");
        String popularItem = id("pop");
        store.features().setPopular(popularItem, 1e9);

        JsonNode answer = recommend(product, "");
        assertThat(answer.get("tier").asString()).isEqualTo("popular");
        assertThat(items(answer)).contains(popularItem).doesNotContain(product);
        assertThat(answer.get("modelVersion").isNull()).isTrue();
        answer.get("items").forEach(item -> assertThat(item.get("score").asDouble())
                .as("popular scores are relative to the list's best").isBetween(0.0, 1.0));

        store.catalog().putProduct(new Product(product, "Lamp", category, 10.0, true));
        String trendingItem = id("t");
        store.features().setTrending(category, trendingItem, 5);
        answer = recommend(product, "");
        assertThat(answer.get("tier").asString()).isEqualTo("trending");
        assertThat(items(answer).getFirst()).isEqualTo(trendingItem);

        String freshItem = id("f");
        store.freshLists().putFreshList(product, "fresh-model", List.of(new ScoredItem(freshItem, 0.9)), Instant.now());
        answer = recommend(product, "");
        assertThat(answer.get("tier").asString()).isEqualTo("fresh");
        assertThat(answer.get("modelVersion").asString()).isEqualTo("fresh-model");
        assertThat(items(answer).getFirst()).isEqualTo(freshItem);
        assertThat(answer.get("stale").asBoolean()).isFalse();

        String batchItem = id("b");
        stageAndActivate(product, List.of(new ScoredItem(batchItem, 0.8)));
        answer = recommend(product, "?limit=3");
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(items(answer)).hasSize(3);
        // Filled up from the next tiers after the one-item batch list.
        assertThat(items(answer).subList(0, 2)).containsExactly(batchItem, freshItem);
        assertThat(answer.get("requestId").asString()).isNotBlank();
        assertThat(answer.get("productId").asString()).isEqualTo(product);
    }

    @Test
    @DisplayName("never recommends the product itself, what the user bought, or unavailable and deleted products")
    void filters() {
        String product = id("p");
        String user = id("u");
        String bought = id("bought");
        String unavailable = id("off");
        String deleted = id("gone");
        String ok = id("ok");
        stageAndActivate(product, List.of(new ScoredItem(product, 1), new ScoredItem(bought, 0.9), new ScoredItem(unavailable, 0.8),
                new ScoredItem(deleted, 0.7), new ScoredItem(ok, 0.6)));
        store.features().recordPurchase(user, bought);
        assertThat(api.catalog("PUT", "/api/v1/products/" + unavailable,
                "{\"name\":\"Old lamp\",\"category\":\"lamps\",\"available\":false}").statusCode()).isEqualTo(202);
        assertThat(api.catalog("DELETE", "/api/v1/products/" + deleted, null).statusCode()).isEqualTo(202);

        JsonNode answer = awaitAnswer(product, "?userId=" + user,
                a -> !items(a).contains(unavailable) && !items(a).contains(deleted));
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(items(answer)).first().isEqualTo(ok);
        assertThat(items(answer)).doesNotContain(product, bought, unavailable, deleted);
        assertThat(answer.get("cohort").asString()).isIn("a", "b");
    }

    @Test
    @DisplayName("skips a tier the owner switched off, and says so")
    void killSwitch() {
        String product = id("p");
        String batchItem = id("b");
        String freshItem = id("f");
        stageAndActivate(product, List.of(new ScoredItem(batchItem, 1)));
        store.freshLists().putFreshList(product, "fresh-model", List.of(new ScoredItem(freshItem, 1)), Instant.now());
        try {
            HttpResponse<String> off = api.admin("PUT", "/api/v1/admin/kill-switches/batch", "{\"disabled\":true}");
            assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
            JsonNode answer = recommend(product, "?limit=1");
            assertThat(answer.get("tier").asString()).isEqualTo("fresh");
            assertThat(items(answer)).containsExactly(freshItem);
            assertThat(answer.get("disabledTiers").toString()).contains("batch");
        } finally {
            api.admin("PUT", "/api/v1/admin/kill-switches/batch", "{\"disabled\":false}");
        }
        assertThat(recommend(product, "?limit=1").get("tier").asString()).isEqualTo("batch");
    }

    @Test
    @DisplayName("every answer is recorded as a reco_served event with its request id, tier and cohort")
    void servedEventReachesKafka() {
        String product = id("p");
        String user = id("u");
        JsonNode answer = recommend(product, "?userId=" + user);
        String requestId = answer.get("requestId").asString();
        try (var reader = new TopicReader<>(kafka, "shop.events.v1", Contract.SHOP_EVENT)) {
            List<ShopEvent> served = reader.await(e -> e.reco() != null && requestId.equals(e.reco().requestId()),
                    matches -> !matches.isEmpty(), DEADLINE);
            assertThat(served).hasSize(1);
            ShopEvent event = served.getFirst();
            assertThat(event.type()).isEqualTo(EventType.RECO_SERVED);
            assertThat(event.userId()).isEqualTo(user);
            assertThat(event.productId()).isEqualTo(product);
            assertThat(event.reco().tier()).isEqualTo(Tier.fromWire(answer.get("tier").asString()));
            assertThat(event.reco().cohort()).isEqualTo(answer.get("cohort").asString());
        }
    }

    @Test
    @DisplayName("a thousand concurrent misses for one product make exactly one fresh request")
    void coalescesMisses() {
        String product = id("miss");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            calls.add(api.getAsync("/api/v1/products/" + product + "/recommendations?limit=5"));
        }
        calls.forEach(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        try (var reader = new TopicReader<>(kafka, "reco.requests.v1", Contract.FRESH_REQUEST)) {
            Predicate<FreshRequest> forProduct = r -> product.equals(r.productId());
            assertThat(reader.await(forProduct, matches -> !matches.isEmpty(), DEADLINE)).hasSize(1);
            // Any duplicate would have been sent together with the first; a short extra window catches it.
            List<FreshRequest> all = reader.collect(forProduct, Duration.ofSeconds(2));
            assertThat(all).hasSize(1);
            FreshRequest request = all.getFirst();
            assertThat(request.deadline()).isAfter(request.requestedAt());
        }
    }

    @Test
    @DisplayName("a user's cohort pinned to another version is served that version's list")
    void cohortPin() {
        String product = id("p");
        String user = id("u");
        stageAndActivate(product, List.of(new ScoredItem(id("active"), 1)));
        String cohort = recommend(product, "?userId=" + user).get("cohort").asString();
        String pinned = id("pinned");
        String pinnedItem = id("pin-item");
        store.versions().stageList(pinned, product, List.of(new ScoredItem(pinnedItem, 1)), Instant.now(), 1);
        store.controls().pinCohort(cohort, pinned);
        try {
            JsonNode answer = recommend(product, "?userId=" + user);
            assertThat(answer.get("modelVersion").asString()).isEqualTo(pinned);
            assertThat(items(answer)).first().isEqualTo(pinnedItem);
            assertThat(recommend(product, "").get("modelVersion").asString()).isNotEqualTo(pinned);
        } finally {
            store.controls().unpinCohort(cohort);
        }
    }

    @Test
    @DisplayName("a batch list older than its tier's freshness is served but marked stale")
    void stale() {
        String product = id("p");
        String version = id("v");
        store.versions().stageList(version, product, List.of(new ScoredItem(id("old"), 1)), Instant.now().minus(Duration.ofDays(3)), 1);
        store.versions().activate(version, "test");
        JsonNode answer = recommend(product, "");
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(answer.get("stale").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a product nobody knows gets 200 from the popular tier")
    void unknownProduct() {
        store.features().setPopular(id("pop"), 1);
        JsonNode answer = recommend(id("nobody"), "?limit=2");
        assertThat(answer.get("tier").asString()).isEqualTo("popular");
        assertThat(items(answer)).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    @DisplayName("a limit outside 1..100 is a 400 problem naming the field")
    void badLimit() {
        for (String limit : List.of("0", "101", "ten")) {
            HttpResponse<String> response = api.get("/api/v1/products/p-1/recommendations?limit=" + limit);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
            assertThat(response.body()).contains("limit");
        }
    }

    @Test
    @DisplayName("\"for you\" merges the lists of the user's recent items and excludes what they bought")
    void forYou() {
        String user = id("u");
        String seen = id("seen");
        String related = id("rel");
        String bought = id("bought");
        stageAndActivate(seen, List.of(new ScoredItem(bought, 1), new ScoredItem(related, 0.5)));
        store.features().pushRecent(user, seen, Instant.now());
        store.features().recordPurchase(user, bought);
        HttpResponse<String> response = api.get("/api/v1/users/" + user + "/recommendations?limit=5");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = TestApi.json(response);
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(items(answer)).first().isEqualTo(related);
        assertThat(items(answer)).doesNotContain(bought);

        JsonNode newcomer = TestApi.json(api.get("/api/v1/users/" + id("new") + "/recommendations"));
        assertThat(newcomer.get("tier").asString()).isEqualTo("popular");
    }
}
