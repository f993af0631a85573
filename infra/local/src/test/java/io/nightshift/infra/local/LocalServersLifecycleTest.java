package io.nightshift.infra.local;

import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.nightshift.infra.local.servers.LocalRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outage tests elsewhere rely on servers that really stop (and, for Redis, come back on the same port). */
class LocalServersLifecycleTest {

    @Test
    void kafkaStopsForRealAndComesBackOnTheSamePortWithItsLog() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            String bootstrap = kafka.endpoint().bootstrapServers();
            int port = Integer.parseInt(bootstrap.replaceAll(".*:", ""));
            produce(bootstrap, "before the outage");
            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(accepts(port)).isFalse();
            kafka.restart();
            assertThat(kafka.endpoint().bootstrapServers()).isEqualTo(bootstrap);
            produce(bootstrap, "after the outage");
            assertThat(consumeAll(bootstrap)).containsExactly("before the outage", "after the outage");
        }
    }

    private static void produce(String bootstrap, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RECO_CONTROL.name(), value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RECO_CONTROL.name()));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            return values;
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
