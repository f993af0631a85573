package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

/**
 * A score Redis holds but Java cannot use ("inf", "nan", garbage) was a 500 on every
 * recommendation; now it costs only its own item (finding 1 of the trust-boundary issue).
 */
@RealServers
class UnreadableScoresTest {

    private TestRedis redis;
    private FeatureStore store;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        redis = TestRedis.of(endpoint).wiped();
        store = redis.store();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    @DisplayName("an infinite popular or trending score behind the store's back is skipped and counted, the rest is served")
    void infiniteScoresAreSkipped() {
        store.catalog().putProduct(new Product("p-1", "Trail shoe", "shoes", 89.5, true));
        store.features().setPopular("p-2", 3);
        store.features().setTrending("shoes", "p-3", 2);
        try (Jedis raw = redis.raw()) {
            raw.zadd(RedisKeys.popular(), Double.POSITIVE_INFINITY, "p-inf");
            raw.zadd(RedisKeys.trending("shoes"), Double.NEGATIVE_INFINITY, "p-minus-inf");
        }

        ServingSnapshot snapshot = store.serving().servingRead("p-1", "u-1", null, 10);

        assertThat(snapshot.popular()).containsExactly(new ScoredItem("p-2", 3));
        assertThat(snapshot.trending()).containsExactly(new ScoredItem("p-3", 2));
        assertThat(probe(store).popular(10)).containsExactly(new ScoredItem("p-2", 3));
        assertThat(store.serving().userRead("u-1", null, 10).popular()).containsExactly(new ScoredItem("p-2", 3));
        assertThat(store.serving().unreadableValues()).isGreaterThanOrEqualTo(4);
    }

    @Test
    @DisplayName("a product hash with a price that is not a number is served without a price")
    void unreadablePrice() {
        store.catalog().putProduct(new Product("p-1", "Trail shoe", "shoes", 89.5, true));
        try (Jedis raw = redis.raw()) {
            raw.hset(RedisKeys.product("p-1"), Map.of("price", "lots"));
        }

        assertThat(store.serving().servingRead("p-1", null, null, 10).product())
                .hasValueSatisfying(product -> assertThat(product.price()).isNull());
        assertThat(store.serving().unreadableValues()).isEqualTo(1);
    }

    @Test
    @DisplayName("the store refuses to write a score that is not finite")
    void refusesNonFiniteWrites() {
        assertThatThrownBy(() -> store.features().setPopular("p-1", Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.features().setTrending("shoes", "p-1", Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(probe(store).popular(10)).isEmpty();
    }
}
