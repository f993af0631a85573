package io.nightshift.infra.local;

import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.infra.local.servers.LocalRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.net.InetSocketAddress;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outage tests elsewhere rely on servers that really stop (and, for Redis, come back on the same port). */
class LocalServersLifecycleTest {

    @Test
    void kafkaStopsForReal() {
        try (LocalKafka kafka = LocalKafka.start()) {
            int port = Integer.parseInt(kafka.endpoint().bootstrapServers().replaceAll(".*:", ""));
            assertThat(accepts(port)).isTrue();
            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(accepts(port)).isFalse();
        }
    }

    @Test
    void redisStopsAndComesBackOnTheSamePort() {
        try (LocalRedis redis = LocalRedis.start()) {
            RedisEndpoint endpoint = redis.endpoint();
            redis.stop();
            assertThatThrownBy(() -> {
                try (Jedis jedis = new Jedis(endpoint.host(), endpoint.port())) {
                    jedis.ping();
                }
            }).isInstanceOf(JedisConnectionException.class);
            redis.restart();
            try (Jedis jedis = new Jedis(endpoint.host(), endpoint.port())) {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
