package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

/** {@code GET /api/v1/users/{userId}/recommendations}: the batch job's per-user lists first, the online composition without them. */
@RealServers
class ForYouTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static TestApi api;
    private static FeatureStore store;
    private static RedisEndpoint redisEndpoint;

    @BeforeAll
    static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
        api = TestApi.start(kafka, redis);
        redisEndpoint = redis;
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

    private static List<ScoredItem> scored(String... productIds) {
        List<ScoredItem> items = new ArrayList<>();
        for (int i = 0; i < productIds.length; i++) {
            items.add(new ScoredItem(productIds[i], 1.0 - i * 0.1));
        }
        return items;
    }

    private static JsonNode forYou(String userId, int limit) {
        HttpResponse<String> response = api.get("/api/v1/users/" + userId + "/recommendations?limit=" + limit);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApi.json(response);
    }

    private static List<String> items(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("productId").asString()));
        return ids;
    }

    /** Polls until the answer satisfies the condition (the catalog view behind it is asynchronous). */
    private static JsonNode awaitAnswer(String userId, int limit, Predicate<JsonNode> condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        JsonNode answer = forYou(userId, limit);
        while (!condition.test(answer) && System.nanoTime() < end) {
            Thread.onSpinWait();
            answer = forYou(userId, limit);
        }
        return answer;
    }

    /** A complete version holding one user's list and, for each seed given, that product's list. */
    private static String activate(String userId, List<ScoredItem> userList, String seed, List<ScoredItem> seedList) {
        String version = id("v");
        long total = seed == null ? 1 : 2;
        store.versions().stageUserList(version, userId, userList, Instant.now(), total);
        if (seed != null) {
            store.versions().stageList(version, seed, seedList, Instant.now(), total);
        }
        assertThat(store.versions().activate(version, "test").refused()).isFalse();
        return version;
    }

    @Test
    @DisplayName("serves the active version's list for the user as tier batch, with its version and time")
    void servesTheUsersList() {
        String user = id("u");
        String a = id("a");
        String b = id("b");
        String c = id("c");
        Instant computedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String version = id("v");
        store.versions().stageUserList(version, user, scored(a, b, c, id("d")), computedAt, 1);
        assertThat(store.versions().activate(version, "test").refused()).isFalse();

        JsonNode answer = forYou(user, 3);
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(answer.get("modelVersion").asString()).isEqualTo(version);
        assertThat(Instant.parse(answer.get("computedAt").asString())).isEqualTo(computedAt);
        assertThat(answer.get("stale").asBoolean()).isFalse();
        assertThat(answer.get("userId").asString()).isEqualTo(user);
        assertThat(items(answer)).containsExactly(a, b, c);
    }

    @Test
    @DisplayName("never shows what the user bought, what they recently viewed, or unavailable products")
    void filtersTheUsersList() {
        String user = id("u");
        String bought = id("bought");
        String viewed = id("viewed");
        String unavailable = id("off");
        String first = id("ok");
        String second = id("ok");
        activate(user, scored(bought, viewed, unavailable, first, second), null, null);
        store.features().recordPurchase(user, bought);
        store.features().pushRecent(user, viewed, Instant.now());
        assertThat(api.catalog("PUT", "/api/v1/products/" + unavailable,
                "{\"name\":\"Old lamp\",\"category\":\"lamps\",\"available\":false}").statusCode()).isEqualTo(202);

        JsonNode answer = awaitAnswer(user, 2, a -> !items(a).contains(unavailable));
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(items(answer)).containsExactly(first, second);
    }

    @Test
    @DisplayName("a list that filtering leaves short is filled from the recent items' lists, then from popular")
    void fillsUpAShortList() {
        String user = id("u");
        String seen = id("seen");
        String own = id("own");
        String related = id("rel");
        String alsoRelated = id("rel");
        String popular = id("pop");
        store.features().setPopular(popular, 1e12);
        String version = activate(user, scored(own, seen), seen, scored(related, alsoRelated, own));
        store.features().pushRecent(user, seen, Instant.now());

        JsonNode answer = forYou(user, 4);
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(answer.get("modelVersion").asString()).isEqualTo(version);
        List<String> items = items(answer);
        assertThat(items).hasSize(4);
        assertThat(items.subList(0, 3)).containsExactly(own, related, alsoRelated);
        Set<String> already = Set.of(own, related, alsoRelated, seen);
        String bestPopular = probe(store).popular(100).stream().map(ScoredItem::productId).filter(p -> !already.contains(p)).findFirst().orElseThrow();
        assertThat(items.get(3)).isEqualTo(bestPopular);
    }

    @Test
    @DisplayName("without a list for the user, merges the recent items' lists, without the recent items themselves and purchases")
    void composesWithoutAUserList() {
        String user = id("u");
        String otherUser = id("u");
        String older = id("seen");
        String newest = id("seen");
        String related = id("rel");
        String bought = id("bought");
        String version = activate(otherUser, scored(id("theirs")), newest, scored(older, bought, related));
        store.features().pushRecent(user, older, Instant.now().minusSeconds(1));
        store.features().pushRecent(user, newest, Instant.now());
        store.features().recordPurchase(user, bought);

        JsonNode answer = forYou(user, 5);
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(answer.get("modelVersion").asString()).isEqualTo(version);
        assertThat(items(answer)).first().isEqualTo(related);
        assertThat(items(answer)).doesNotContain(older, newest, bought);
    }

    @Test
    @DisplayName("an answer is one Redis round trip, with a list for the user and when composing from the recent items' lists")
    void oneRoundTripPerAnswer(KafkaEndpoint kafka) {
        String listed = id("u");
        String composed = id("u");
        String seen = id("seen");
        String related = id("rel");
        String own = id("own");
        activate(listed, scored(own, id("own"), id("own")), seen, scored(related, id("rel")));
        store.features().pushRecent(composed, id("seen"), Instant.now().minusSeconds(1));
        store.features().pushRecent(composed, seen, Instant.now());

        try (var proxy = RoundTripCountingProxy.to(redisEndpoint);
             TestApi counted = TestApi.start(kafka, proxy.endpoint())) {
            Runnable listedAnswer = () -> assertThat(items(json(counted, listed))).startsWith(own);
            Runnable composedAnswer = () -> assertThat(items(json(counted, composed))).first().isEqualTo(related);

            assertThat(fewestRoundTrips(proxy, listedAnswer)).isEqualTo(1);
            assertThat(fewestRoundTrips(proxy, composedAnswer)).isEqualTo(1);
        }
    }

    private static JsonNode json(TestApi app, String userId) {
        HttpResponse<String> response = app.get("/api/v1/users/" + userId + "/recommendations?limit=3");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApi.json(response);
    }

    /**
     * The round trips to Redis while one answer was made, for the answer with the fewest of a few:
     * the app's background work (catalog view, metrics) may add trips to any one answer, never take
     * any away.
     */
    private static long fewestRoundTrips(RoundTripCountingProxy proxy, Runnable answer) {
        answer.run(); // loads the script into Redis and opens the connection
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = proxy.roundTrips();
            answer.run();
            fewest = Math.min(fewest, proxy.roundTrips() - before);
        }
        return fewest;
    }

    @Test
    @DisplayName("a user whose cohort is pinned to another version gets that version's list for them")
    void cohortPin() {
        String user = id("u");
        String activeItem = id("active");
        String pinnedItem = id("pinned");
        activate(user, scored(activeItem), null, null);
        JsonNode before = forYou(user, 1);
        assertThat(items(before)).containsExactly(activeItem);
        String cohort = before.get("cohort").asString();
        String pinned = id("v-pinned");
        store.versions().stageUserList(pinned, user, scored(pinnedItem), Instant.now(), 1);
        store.controls().pinCohort(cohort, pinned);
        try {
            JsonNode answer = forYou(user, 1);
            assertThat(answer.get("tier").asString()).isEqualTo("batch");
            assertThat(answer.get("modelVersion").asString()).isEqualTo(pinned);
            assertThat(items(answer)).containsExactly(pinnedItem);
        } finally {
            store.controls().unpinCohort(cohort);
        }
    }

    @Test
    @DisplayName("with the batch tier switched off, the user's list is skipped and the answer says so")
    void killSwitch() {
        String user = id("u");
        String seen = id("seen");
        String own = id("own");
        String freshItem = id("fresh");
        activate(user, scored(own), seen, scored(id("batch")));
        store.features().pushRecent(user, seen, Instant.now());
        store.freshLists().putFreshList(seen, "fresh-model", scored(freshItem), Instant.now());
        try {
            HttpResponse<String> off = api.admin("PUT", "/api/v1/admin/kill-switches/batch", "{\"disabled\":true}");
            assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
            JsonNode answer = forYou(user, 1);
            assertThat(answer.get("tier").asString()).isEqualTo("fresh");
            assertThat(items(answer)).containsExactly(freshItem);
            assertThat(answer.get("disabledTiers").toString()).contains("batch");
        } finally {
            api.admin("PUT", "/api/v1/admin/kill-switches/batch", "{\"disabled\":false}");
        }
        assertThat(items(forYou(user, 1))).containsExactly(own);
    }

    @Test
    @DisplayName("a user with no history and no list gets popular")
    void newcomer() {
        store.features().setPopular(id("pop"), 1);
        JsonNode answer = forYou(id("new"), 3);
        assertThat(answer.get("tier").asString()).isEqualTo("popular");
        assertThat(answer.get("modelVersion").isNull()).isTrue();
        assertThat(items(answer)).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    }
}
