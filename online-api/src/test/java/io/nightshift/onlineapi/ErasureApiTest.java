package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DELETE /api/v1/users/{userId}: the shop backend's key or the owner's token; the erasure lands
 * on shop.erasures.v1 and the shopper's Redis features go at once, another shopper's stay.
 */
@RealServers
class ErasureApiTest {

    private static TestApi api;
    private static KafkaEndpoint kafka;
    private static RedisEndpoint redis;
    private static FeatureStore store;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redisEndpoint) {
        kafka = kafkaEndpoint;
        redis = redisEndpoint;
        api = TestApi.start(kafkaEndpoint, redisEndpoint);
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        api.close();
        store.close();
    }

    private static HttpResponse<String> erase(String userId, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/v1/users/" + userId)).DELETE();
        if (header != null) {
            request.header(header, value);
        }
        return api.send(request.build());
    }

    @Test
    void theShopsKeyErasesAShopperFromRedisAtOnceAndWritesTheErasureForEveryOtherProjection() {
        Instant earlier = Instant.now().minusSeconds(3600);
        store.features().pushRecent("u-erased", "p-1", earlier);
        store.features().recordPurchase("u-erased", "p-1");
        store.features().pushRecent("u-kept", "p-1", earlier);

        HttpResponse<String> answer = erase("u-erased", "X-Api-Key", TestApi.CATALOG_KEY);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode body = TestApi.json(answer);
        assertThat(body.get("userId").asString()).isEqualTo("u-erased");
        String requestId = body.get("requestId").asString();
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertThat(jedis.exists(RedisKeys.userRecent("u-erased"))).isFalse();
            assertThat(jedis.exists(RedisKeys.userPurchased("u-erased"))).isFalse();
            assertThat(jedis.zrange(RedisKeys.userRecent("u-kept"), 0, -1)).containsExactly("p-1");
        }
        try (var reader = new TopicReader<>(kafka, Topics.SHOP_ERASURES.name(), Contract.ERASURE)) {
            List<Erasure> written = reader.await(erasure -> erasure.requestId().toString().equals(requestId),
                    found -> !found.isEmpty(), Duration.ofSeconds(20));
            assertThat(written).singleElement().satisfies(erasure -> {
                assertThat(erasure.userId()).isEqualTo("u-erased");
                assertThat(erasure.requestedAt()).isAfter(earlier);
            });
        }
    }

    @Test
    void theOwnersTokenMayEraseAndAStrangerMayNot() {
        assertThat(erase("u-owner", "Authorization", "Bearer " + TestApi.TOKEN).statusCode()).isEqualTo(202);

        HttpResponse<String> stranger = erase("u-owner", null, null);
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(stranger.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(erase("u-owner", "X-Api-Key", "not-a-key").statusCode()).isEqualTo(401);
    }

    @Test
    void aBadUserIdIsA400NamingTheField() {
        HttpResponse<String> answer = erase("bad!id", "X-Api-Key", TestApi.CATALOG_KEY);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(TestApi.json(answer).get("errors").toString()).contains("userId");
    }
}
