package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.Product;
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

/** {@code category=} and {@code exclude=} on both recommendation endpoints, against real Redis and Kafka. */
@RealServers
class RecommendationFiltersTest {

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

    private static String product(String category) {
        String id = id("p");
        store.catalog().putProduct(new Product(id, "Thing " + id, category, 10.0, true));
        return id;
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

    private static void activate(String productId, List<String> items) {
        String version = id("v");
        store.versions().stageList(version, productId, IntStream.range(0, items.size())
                .mapToObj(i -> new ScoredItem(items.get(i), 1.0 - i * 0.01)).toList(), Instant.now(), 1);
        assertThat(store.versions().activate(version, "test").refused()).isFalse();
    }

    @Test
    @DisplayName("category= keeps a product page's batch list to that category and fills it up from the category's trending set")
    void categoryOnAProductPage() {
        String lamps = id("lamps");
        String chairs = id("chairs");
        String viewed = product(chairs);
        String lamp1 = product(lamps);
        String chair1 = product(chairs);
        String lamp2 = product(lamps);
        activate(viewed, List.of(chair1, lamp1, lamp2));
        String trendingLamp = product(lamps);
        store.features().setTrending(lamps, trendingLamp, 50);
        store.features().setTrending(lamps, lamp1, 40);
        String popularChair = product(chairs);
        store.features().setPopular(popularChair, 1e12);

        JsonNode answer = get("/api/v1/products/" + viewed + "/recommendations?limit=3&category=" + lamps);
        assertThat(answer.get("tier").asString()).as("the batch list had lamps, so it answers").isEqualTo("batch");
        assertThat(items(answer)).containsExactly(lamp1, lamp2, trendingLamp);

        JsonNode plain = get("/api/v1/products/" + viewed + "/recommendations?limit=3");
        assertThat(items(plain)).as("without the filter the chairs come back").startsWith(chair1, lamp1, lamp2);
    }

    @Test
    @DisplayName("category= with nothing of it in the lists answers the category's trending set, and says trending")
    void categoryOnlyInTrending() {
        String desks = id("desks");
        String viewed = product(id("other"));
        String notADesk = product(id("other"));
        activate(viewed, List.of(notADesk));
        String desk = product(desks);
        store.features().setTrending(desks, desk, 5);

        JsonNode answer = get("/api/v1/products/" + viewed + "/recommendations?category=" + desks);
        assertThat(answer.get("tier").asString()).isEqualTo("trending");
        assertThat(items(answer)).containsExactly(desk);

        JsonNode none = get("/api/v1/products/" + viewed + "/recommendations?category=" + id("empty"));
        assertThat(items(none)).as("a category nothing is in: an empty list, not someone else's products").isEmpty();
    }

    @Test
    @DisplayName("exclude= drops the ids a page already shows and still fills the answer up to the limit")
    void excludeOnAProductPage() {
        String viewed = product("misc");
        String first = product("misc");
        String second = product("misc");
        String third = product("misc");
        activate(viewed, List.of(first, second, third));
        String popular1 = id("pop");
        String popular2 = id("pop");
        store.features().setPopular(popular1, 1e12);
        store.features().setPopular(popular2, 1e12 - 1);

        JsonNode answer = get("/api/v1/products/" + viewed + "/recommendations?limit=3&exclude=" + first + "," + second);
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(items(answer)).hasSize(3).startsWith(third).doesNotContain(first, second, viewed);
    }

    @Test
    @DisplayName("a \"for you\" list takes category= (filled from the category's trending set) and exclude= too")
    void filtersOnForYou() {
        String user = id("u");
        String garden = id("garden");
        String rake = product(garden);
        String hose = product(garden);
        String spade = product(garden);
        store.features().setTrending(garden, rake, 30);
        store.features().setTrending(garden, hose, 20);
        store.features().setTrending(garden, spade, 10);
        String popularElsewhere = product(id("toys"));
        store.features().setPopular(popularElsewhere, 1e12);

        JsonNode answer = get("/api/v1/users/" + user + "/recommendations?limit=5&category=" + garden + "&exclude=" + hose);
        assertThat(answer.get("tier").asString()).isEqualTo("trending");
        assertThat(items(answer)).containsExactly(rake, spade);

        JsonNode precomputed = forYouWithList(user, garden, rake, popularElsewhere);
        assertThat(precomputed.get("tier").asString()).isEqualTo("batch");
        assertThat(items(precomputed)).containsExactly(rake, hose, spade);
    }

    private static JsonNode forYouWithList(String user, String category, String rake, String other) {
        String version = id("v");
        store.versions().stageUserList(version, user, List.of(new ScoredItem(other, 0.9), new ScoredItem(rake, 0.8)), Instant.now(), 1);
        assertThat(store.versions().activate(version, "test").refused()).isFalse();
        return get("/api/v1/users/" + user + "/recommendations?limit=3&category=" + category);
    }

    @Test
    @DisplayName("bad filters are a 400 naming the field: a control character in category, a bad or a 101st excluded id")
    void badFilters() {
        for (String path : List.of("/api/v1/products/p-1/recommendations", "/api/v1/users/u-1/recommendations")) {
            JsonNode category = problem(api.get(path + "?category=lamps%01"));
            assertThat(category.at("/errors/0/field").asString()).isEqualTo("category");

            JsonNode badId = problem(api.get(path + "?exclude=p-2,bad%20id"));
            assertThat(badId.at("/errors/0/field").asString()).isEqualTo("exclude[1]");
            assertThat(badId.at("/errors/0/pointer").asString()).isEqualTo("/exclude/1");

            JsonNode empty = problem(api.get(path + "?exclude=p-2,,p-3"));
            assertThat(empty.at("/errors/0/field").asString()).isEqualTo("exclude[1]");

            String many = String.join(",", IntStream.range(0, 101).mapToObj(i -> "p-" + i).toList());
            JsonNode tooMany = problem(api.get(path + "?exclude=" + many));
            assertThat(tooMany.at("/errors/0/field").asString()).isEqualTo("exclude");
            assertThat(tooMany.at("/errors/0/message").asString()).contains("at most 100");
        }
    }

    private static JsonNode problem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        return TestApi.json(response);
    }
}
