package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.featurestore.RedisAccess;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.infra.local.servers.LocalRedis.RedisLock;
import io.nightshift.infra.local.servers.ThrowawayCa;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The API against a Redis locked like a managed one (password, TLS-only port, private CA), configured by properties alone. */
@RealServers
class SecuredRedisServingTest {

    private static final String PASSWORD = "redis-secret-7";

    @Test
    @DisplayName("with nightshift.redis.password, tls and trust-store the API serves the batch list and health sees Redis")
    void servesOverTlsWithAPassword(KafkaEndpoint kafka, @TempDir Path certificates) {
        try (LocalRedis redis = LocalRedis.startSecured(RedisLock.password(PASSWORD).withTls(certificates))) {
            ThrowawayCa ca = redis.lock().tls();
            RedisAccess access = RedisAccess.password(PASSWORD).withTls(ca.trustStore(), ca.password());
            try (FeatureStore store = FeatureStore.connect(new FeatureStoreSettings("127.0.0.1", redis.endpoint().port(), Duration.ofSeconds(2), 2, access))) {
                store.versions().stageList("v-tls", "p-tls", List.of(new ScoredItem("p-related", 1)), Instant.now(), 1);
                store.versions().activate("v-tls", "test");
            }
            String[] secured = {"--nightshift.redis.password=" + PASSWORD, "--nightshift.redis.tls=true",
                    "--nightshift.redis.trust-store=" + ca.trustStore(), "--nightshift.redis.trust-store-password=" + ca.password()};

            try (TestApi api = TestApi.start(kafka, redis.endpoint(), secured)) {
                JsonNode answer = TestApi.json(api.get("/api/v1/products/p-tls/recommendations"));
                assertThat(answer.get("tier").asString()).isEqualTo("batch");
                assertThat(answer.get("items").get(0).get("productId").asString()).isEqualTo("p-related");
                assertThat(TestApi.json(api.admin("GET", "/actuator/health", null)).at("/components/featureStore/details/redis").asString())
                        .startsWith("reachable in");
            }
        }
    }
}
