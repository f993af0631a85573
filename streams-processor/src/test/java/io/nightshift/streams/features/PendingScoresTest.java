package io.nightshift.streams.features;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.featurestore.ScoreWrite;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.streams.Drivers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The popular and trending writes held until the commit: what reaches Redis at the flush, and what does not before it. */
@RealServers
class PendingScoresTest {

    private FeatureStore store;
    private PendingScores pending;
    private Jedis jedis;

    @BeforeEach
    void start(RedisEndpoint redis) {
        store = Drivers.emptyStore(redis);
        pending = new PendingScores("pending-scores", store.features());
        jedis = new Jedis(redis.host(), redis.port());
    }

    @AfterEach
    void stop() {
        jedis.close();
        store.close();
    }

    @Test
    @DisplayName("nothing reaches Redis before the flush; then each member's last score does, and a product that moved leaves its old category")
    void lastWriteOfEachMemberAtTheFlush() {
        pending.add(ScoreWrite.popular("p-1", 1.0));
        pending.add(ScoreWrite.trending("kitchen", "p-1", 1.0));
        pending.add(ScoreWrite.popular("p-1", 2.0));
        pending.add(ScoreWrite.popular("p-2", 0.5));
        pending.add(ScoreWrite.notTrending("kitchen", "p-1"));
        pending.add(ScoreWrite.trending("outdoor", "p-1", 2.0));
        assertThat(jedis.exists(RedisKeys.popular())).isFalse();

        pending.flush();

        assertThat(jedis.zscore(RedisKeys.popular(), "p-1")).isEqualTo(2.0);
        assertThat(jedis.zscore(RedisKeys.popular(), "p-2")).isEqualTo(0.5);
        assertThat(jedis.exists(RedisKeys.trending("kitchen"))).isFalse();
        assertThat(jedis.zscore(RedisKeys.trending("outdoor"), "p-1")).isEqualTo(2.0);
        assertThat(jedis.pttl(RedisKeys.trending("outdoor"))).isPositive();
    }

    @Test
    @DisplayName("a product that comes back to a category before the flush stays in it")
    void removedThenAddedAgain() {
        pending.add(ScoreWrite.trending("kitchen", "p-1", 1.0));
        pending.flush();
        pending.add(ScoreWrite.notTrending("kitchen", "p-1"));
        pending.add(ScoreWrite.trending("outdoor", "p-1", 2.0));
        pending.add(ScoreWrite.notTrending("outdoor", "p-1"));
        pending.add(ScoreWrite.trending("kitchen", "p-1", 3.0));

        pending.flush();

        assertThat(jedis.zscore(RedisKeys.trending("kitchen"), "p-1")).isEqualTo(3.0);
        assertThat(jedis.exists(RedisKeys.trending("outdoor"))).isFalse();
    }

    @Test
    @DisplayName("a write Redis refuses does not stop the others, and is not sent again at the next flush")
    void refusedWriteIsSkipped() {
        jedis.set(RedisKeys.popular(), "not a sorted set");
        pending.add(ScoreWrite.popular("p-1", 1.0));
        pending.add(ScoreWrite.trending("kitchen", "p-1", 1.0));

        pending.flush();

        assertThat(jedis.get(RedisKeys.popular())).isEqualTo("not a sorted set");
        assertThat(jedis.zscore(RedisKeys.trending("kitchen"), "p-1")).isEqualTo(1.0);
        jedis.del(RedisKeys.popular());
        pending.flush();
        assertThat(jedis.exists(RedisKeys.popular())).isFalse();
    }

    @Test
    @DisplayName("Redis away: the flush throws (so the commit fails) and the listeners are not told")
    void unavailableRedisFailsTheFlush() {
        AtomicInteger told = new AtomicInteger();
        try (FeatureStore away = FeatureStore.connect(FeatureStoreSettings.of("127.0.0.1", 1).withTimeout(Duration.ofMillis(200)))) {
            PendingScores unreachable = new PendingScores("pending-scores", away.features());
            unreachable.whenFlushed(told::incrementAndGet);
            unreachable.add(ScoreWrite.popular("p-1", 1.0));
            assertThatThrownBy(unreachable::flush).isInstanceOf(FeatureStoreUnavailableException.class);
        }
        assertThat(told).hasValue(0);
        pending.whenFlushed(told::incrementAndGet);
        pending.flush();
        assertThat(told).hasValue(1);
    }
}
