package io.nightshift.cli.stack;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.servers.LocalRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The supervisor's side of {@code ./nightshift redis stop|start} against a real redis-server:
 * a real outage (connection refused), then the same port with the same keys and expiries.
 */
@Timeout(60)
class ServerSwitchTest {

    @TempDir
    Path dir;

    @Test
    void redisStopsForRealAndStartsOnTheSamePortWithItsKeys() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            RedisEndpoint endpoint = redis.endpoint();
            try (Jedis jedis = jedis(endpoint)) {
                jedis.hset("ns:product:p-1", Map.of("name", "Alpine trail shoe", "category", "running"));
                jedis.zadd("ns:popular", Map.of("p-1", 3.0, "p-2", 2.0));
                jedis.rpush("ns:user:u-1:recent", "p-1", "p-2");
                jedis.setex("ns:pending:p-3", 300, "1");
                jedis.set(new byte[]{(byte) 0xff, 0x00, 0x7f}, new byte[]{0x01, (byte) 0x80});
            }
            Path wish = dir.resolve("redis.wish");
            ServerSwitch server = ServerSwitch.redis(redis, wish, dir.resolve("run").resolve("redis.snapshot"));
            assertThat(server.follow()).as("no wish yet").isEmpty();

            Files.writeString(wish, StackState.STOPPED);
            assertThat(server.follow()).contains("redis stopped (5 keys saved)");
            assertThat(server.state()).isEqualTo(StackState.STOPPED);
            assertThatThrownBy(() -> {
                try (Jedis jedis = jedis(endpoint)) {
                    jedis.ping();
                }
            }).isInstanceOf(JedisConnectionException.class);
            assertThat(server.follow()).as("a wish is applied once").isEmpty();

            Files.writeString(wish, StackState.UP);
            assertThat(server.follow()).contains("redis up (5 keys restored)");
            assertThat(redis.endpoint()).isEqualTo(endpoint);
            try (Jedis jedis = jedis(endpoint)) {
                assertThat(jedis.hgetAll("ns:product:p-1")).containsEntry("name", "Alpine trail shoe");
                assertThat(jedis.zrevrange("ns:popular", 0, -1)).containsExactly("p-1", "p-2");
                assertThat(jedis.lrange("ns:user:u-1:recent", 0, -1)).isEqualTo(List.of("p-1", "p-2"));
                assertThat(jedis.ttl("ns:pending:p-3")).isBetween(250L, 300L);
                assertThat(jedis.ttl("ns:product:p-1")).as("no expiry stays no expiry").isEqualTo(-1L);
                assertThat(jedis.get(new byte[]{(byte) 0xff, 0x00, 0x7f})).containsExactly(0x01, (byte) 0x80);
            }
            assertThat(dir.resolve("run").resolve("redis.snapshot")).as("restored, then removed").doesNotExist();
        }
    }

    @Test
    void aWishThatCannotBeAppliedIsDeletedSoTheCommandStopsWaiting() throws Exception {
        Path wish = dir.resolve("kafka.wish");
        ServerSwitch server = new ServerSwitch("kafka", wish, new ServerSwitch.Server() {
            @Override
            public String stop() {
                throw new IllegalStateException("broker would not shut down");
            }

            @Override
            public String start() {
                return "started";
            }
        });
        Files.writeString(wish, StackState.STOPPED);

        assertThatThrownBy(server::follow).hasMessageContaining("could not make kafka stopped: broker would not shut down");
        assertThat(wish).doesNotExist();
        assertThat(server.state()).isEqualTo(StackState.UP);

        Files.writeString(wish, "sideways");
        assertThatThrownBy(server::follow).hasMessageContaining("unknown wish 'sideways'");
        assertThat(wish).doesNotExist();
    }

    private static Jedis jedis(RedisEndpoint endpoint) {
        return new Jedis(endpoint.host(), endpoint.port(), 2_000);
    }
}
