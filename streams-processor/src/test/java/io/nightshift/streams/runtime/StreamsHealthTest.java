package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.connection.LogConnection;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Health tells the truth about the processor's links, with real servers and a closed port standing in for a stopped one. */
@RealServers
class StreamsHealthTest {

    @Test
    @DisplayName("with Kafka Streams running and the brokers answering, health is UP")
    void upWhileTheBrokersAnswer(KafkaEndpoint kafka) {
        try (KafkaReachability brokers = new KafkaReachability(LogConnection.plaintext(kafka.bootstrapServers()), Duration.ofSeconds(5), Clock.systemUTC())) {
            Health health = new StreamsHealthIndicator(() -> KafkaStreams.State.RUNNING, brokers, Clock.systemUTC()).health();

            assertThat(health.getStatus().getCode()).isEqualTo("UP");
        }
    }

    @Test
    @DisplayName("while Kafka Streams still says RUNNING but no broker answers, health is DOWN within seconds and names no address")
    void downWhileKafkaIsUnreachable() throws IOException {
        String closed = "127.0.0.1:" + closedPort();
        try (KafkaReachability brokers = new KafkaReachability(LogConnection.plaintext(closed), Duration.ofSeconds(2), Clock.systemUTC())) {
            long start = System.nanoTime();
            Health health = new StreamsHealthIndicator(() -> KafkaStreams.State.RUNNING, brokers, Clock.systemUTC()).health();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
            assertThat(health.getDetails()).containsEntry("brokers", "unreachable");
            assertThat(health.getDetails().toString()).doesNotContain(closed).doesNotContain("127.0.0.1");
        }
    }

    @Test
    @DisplayName("a rebalance is routine, but one that lasts more than two minutes makes health DOWN")
    void aLongRebalanceIsDown(KafkaEndpoint kafka) {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (KafkaReachability brokers = new KafkaReachability(LogConnection.plaintext(kafka.bootstrapServers()), Duration.ofSeconds(5), Clock.systemUTC())) {
            StreamsHealthIndicator indicator = new StreamsHealthIndicator(() -> KafkaStreams.State.REBALANCING, brokers, clock);

            assertThat(indicator.health().getStatus().getCode()).isEqualTo("UP");
            now.set(now.get().plus(StreamsHealthIndicator.REBALANCE_GRACE).plusSeconds(1));
            assertThat(indicator.health().getStatus().getCode()).isEqualTo("DOWN");
        }
    }

    @Test
    @DisplayName("Redis answering is UP; Redis away is DOWN, without its address")
    void redisLink(RedisEndpoint redis) throws IOException {
        try (FeatureStore up = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
             FeatureStore away = FeatureStore.connect(FeatureStoreSettings.of("127.0.0.1", closedPort()).withTimeout(Duration.ofSeconds(1)))) {
            assertThat(new RedisHealthIndicator(up).health().getStatus().getCode()).isEqualTo("UP");
            Health down = new RedisHealthIndicator(away).health();
            assertThat(down.getStatus().getCode()).isEqualTo("DOWN");
            assertThat(down.getDetails().toString()).doesNotContain("127.0.0.1");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
