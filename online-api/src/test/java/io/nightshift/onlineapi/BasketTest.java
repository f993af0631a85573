package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.result.ScoredItem;
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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/recommendations/basket} against real Redis and Kafka. */
@RealServers
class BasketTest {

    private static final String PATH = "/api/v1/recommendations/basket";

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

    private static JsonNode post(String body) {
        HttpResponse<String> response = api.send("POST", PATH, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApi.json(response);
    }

    private static List<String> items(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("productId").asString()));
        return ids;
    }

    private static String quoted(String... ids) {
        return String.join(",", List.of(ids).stream().map(id -> "\"" + id + "\"").toList());
    }

    @Test
    @DisplayName("merges the basket items' lists: what several items share comes first; never a basket item or what the user bought")
    void mergesTheItemsLists() {
        String pan = id("pan");
        String lid = id("lid");
        String shared = id("shared");
        String onlyPan = id("only-pan");
        String bought = id("bought");
        String user = id("u");
        String version = id("v");
        store.versions().stageList(version, pan, List.of(new ScoredItem(lid, 0.99), new ScoredItem(onlyPan, 0.9),
                new ScoredItem(shared, 0.8), new ScoredItem(bought, 0.7)), Instant.now(), 2);
        store.versions().stageList(version, lid, List.of(new ScoredItem(bought, 0.99), new ScoredItem(pan, 0.9),
                new ScoredItem(shared, 0.8)), Instant.now(), 2);
        assertThat(store.versions().activate(version, "test").refused()).isFalse();
        store.features().recordPurchase(user, bought);

        JsonNode answer = post("{\"productIds\":[" + quoted(pan, lid) + "],\"userId\":\"" + user + "\",\"limit\":2}");
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(answer.get("modelVersion").asString()).isEqualTo(version);
        assertThat(items(answer)).containsExactly(shared, onlyPan);
        assertThat(answer.get("userId").asString()).isEqualTo(user);

        JsonNode excluded = post("{\"productIds\":[" + quoted(pan, lid) + "],\"limit\":2,\"exclude\":[" + quoted(shared) + "]}");
        assertThat(items(excluded)).as("without the user, what they bought is fair game").containsExactly(bought, onlyPan);

        try (var reader = new TopicReader<>(kafka, "shop.events.v1", Contract.SHOP_EVENT)) {
            String requestId = answer.get("requestId").asString();
            List<ShopEvent> served = reader.await(e -> e.reco() != null && requestId.equals(e.reco().requestId()),
                    matches -> !matches.isEmpty(), Duration.ofSeconds(20));
            assertThat(served).hasSize(1);
            assertThat(served.getFirst().type()).isEqualTo(EventType.RECO_SERVED);
            assertThat(served.getFirst().productId()).isEqualTo(pan);
            assertThat(served.getFirst().reco().tier()).isEqualTo(Tier.BATCH);
        }
    }

    @Test
    @DisplayName("a basket filtered to a category fills up from that category's trending set")
    void categoryFillsUpFromTrending() {
        String category = id("garden");
        String rake = id("rake");
        store.catalog().putProduct(new Product(rake, "Rake", category, 9.0, true));
        String spade = id("spade");
        store.catalog().putProduct(new Product(spade, "Spade", category, 9.0, true));
        store.features().setTrending(category, spade, 5);
        String elsewhere = id("toy");
        store.catalog().putProduct(new Product(elsewhere, "Toy", id("toys"), 9.0, true));
        String seed = id("seed");
        String version = id("v");
        store.versions().stageList(version, seed, List.of(new ScoredItem(elsewhere, 0.9), new ScoredItem(rake, 0.8)), Instant.now(), 1);
        assertThat(store.versions().activate(version, "test").refused()).isFalse();

        JsonNode answer = post("{\"productIds\":[" + quoted(seed) + "],\"category\":\"" + category + "\"}");
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(items(answer)).containsExactly(rake, spade);
    }

    @Test
    @DisplayName("bad bodies are a 400 naming each field at fault")
    void badBodies() {
        assertThat(fields("{}")).containsExactly("$.productIds");
        assertThat(fields("{\"productIds\":[]}")).containsExactly("$.productIds");
        String many = String.join(",", IntStream.range(0, 51).mapToObj(i -> "\"p-" + i + "\"").toList());
        assertThat(fields("{\"productIds\":[" + many + "]}")).containsExactly("$.productIds");
        assertThat(fields("{\"productIds\":[\"p-1\",\"p-2\",\"p-3\",\"p\\u00003\"]}")).containsExactly("$.productIds[3]");
        assertThat(fields("{\"productIds\":[\"p-1\",null]}")).containsExactly("$.productIds[1]");
        assertThat(fields("{\"productIds\":[\"p-1\"],\"userId\":\"u 1\",\"limit\":0,\"category\":\"a\\nb\",\"exclude\":[\"ok\",\"not ok\"]}"))
                .containsExactly("$.userId", "$.limit", "$.category", "$.exclude[1]");
        HttpResponse<String> unknown = api.send("POST", PATH, "{\"productIds\":[\"p-1\"],\"colour\":\"red\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("colour");
        assertThat(api.send("POST", PATH, "{\"productIds\":[\"p-1\"],\"limit\":\"5\"}").statusCode()).isEqualTo(400);
        assertThat(api.send("POST", PATH, "[\"p-1\"]").statusCode()).isEqualTo(400);
        assertThat(api.send("POST", PATH, "not json").statusCode()).isEqualTo(400);
    }

    private static List<String> fields(String body) {
        HttpResponse<String> response = api.send("POST", PATH, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        List<String> fields = new ArrayList<>();
        TestApi.json(response).get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }
}
