package io.nightshift.infra.local;

import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class RealServersTest {

    @Test
    void kafkaHasEveryTopicAndCarriesARecord(KafkaEndpoint kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(names).containsAll(Topics.all().stream().map(t -> t.name()).toList());
        }
        String value = UUID.randomUUID().toString();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RECO_CONTROL.name(), "k", value)).get(30, TimeUnit.SECONDS);
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "infra-test-" + value,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RECO_CONTROL.name()));
            boolean seen = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!seen && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                for (var record : records) {
                    seen |= value.equals(record.value());
                }
            }
            assertThat(seen).as("the produced record comes back").isTrue();
        }
    }

    @Test
    void redisAnswersWithoutPersistence(RedisEndpoint redis) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            jedis.set("infra-test", "1");
            assertThat(jedis.get("infra-test")).isEqualTo("1");
            assertThat(jedis.configGet("save").values()).containsOnly("");
        }
    }

    @Test
    void postgresAcceptsSqlAsTheSuperuser(PostgresEndpoint postgres) throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            ResultSet rs = statement.executeQuery("select current_user, current_setting('server_version_num')::int");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(postgres.user());
            assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(150000);
        }
    }

    @Test
    void theSameServersAreSharedWithinTheJvm(RedisEndpoint first, RedisEndpoint second) {
        assertThat(first).isEqualTo(second);
    }
}
