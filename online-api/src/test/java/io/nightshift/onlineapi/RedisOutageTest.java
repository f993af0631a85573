package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class RedisOutageTest {

    @Test
    @DisplayName("with Redis stopped, answers come from last-known-good within the timeout")
    void servesLastKnownGoodWhileRedisIsDown(KafkaEndpoint kafka) {
        LocalRedis redis = LocalRedis.start();
        try (redis;
             FeatureStore store = FeatureStore.connect(FeatureStoreSettings.of("127.0.0.1", redis.endpoint().port()));
             TestApi api = TestApi.start(kafka, redis.endpoint(), "--nightshift.redis.timeout=200ms")) {
            store.versions().stageList("v-outage", "p-outage", List.of(new ScoredItem("p-related", 1)), Instant.now(), 1);
            store.versions().activate("v-outage", "test");
            store.features().setPopular("p-popular", 10);
            JsonNode before = TestApi.json(api.get("/api/v1/products/p-outage/recommendations"));
            assertThat(before.get("tier").asString()).isEqualTo("batch");

            redis.stop();

            long start = System.nanoTime();
            HttpResponse<String> response = api.get("/api/v1/products/p-outage/recommendations");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode during = TestApi.json(response);
            assertThat(during.get("tier").asString()).isEqualTo("last-known-good");
            assertThat(during.get("stale").asBoolean()).isTrue();
            assertThat(during.get("modelVersion").asString()).isEqualTo("v-outage");
            assertThat(during.get("items").get(0).get("productId").asString()).isEqualTo("p-related");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(Prometheus.scrape(api).sum("nightshift_reco_last_known_good_total")).isGreaterThanOrEqualTo(1);
            assertThat(api.get("/actuator/health/readiness").statusCode()).as("readiness stays UP without Redis").isEqualTo(200);
            assertThat(TestApi.json(api.admin("GET", "/actuator/health", null)).at("/components/featureStore/details/redis").asString()).startsWith("unreachable");

            JsonNode unknown = TestApi.json(api.get("/api/v1/products/p-never-seen/recommendations"));
            assertThat(unknown.get("tier").asString()).isEqualTo("last-known-good");
            assertThat(unknown.get("items").get(0).get("productId").asString()).isEqualTo("p-popular");

            assertThat(api.get("/api/v1/users/u-1/recommendations").statusCode()).isEqualTo(200);
        }
    }
}
