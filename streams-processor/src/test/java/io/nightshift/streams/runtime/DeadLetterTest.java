package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.topic.DeadLetterHeaders;
import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

/** The whole topology: what cannot be processed is kept in {@code <source>.dlq}, never skipped silently. */
@RealServers
class DeadLetterTest {

    private static final StreamsSettings SETTINGS = new StreamsSettings("dlq-test", null, Duration.ofDays(7),
            Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofMillis(10));

    @Test
    @DisplayName("a record that is not JSON goes to its topic's dead letters with the error, topic, partition and offset")
    void undecodableRecordsOfEverySource(RedisEndpoint redis) {
        try (FeatureStore store = Drivers.emptyStore(redis);
             TopologyTestDriver driver = Drivers.driver(NightshiftTopology.build(store, SETTINGS))) {
            for (TopicSpec topic : List.of(Topics.SHOP_EVENTS, Topics.SHOP_CATALOG, Topics.RECO_RESULTS, Topics.RECO_CONTROL)) {
                var input = Drivers.input(driver, topic.name());
                input.pipeInput("k-1", "fine".getBytes());
                input.pipeInput("k-2", "not json {".getBytes());

                List<TestRecord<String, byte[]>> dead = Drivers.output(driver, topic.deadLetters().name()).readRecordsToList();

                assertThat(dead).as(topic.name()).hasSize(2);
                TestRecord<String, byte[]> second = dead.get(1);
                assertThat(second.key()).isEqualTo("k-2");
                assertThat(second.value()).isEqualTo("not json {".getBytes());
                assertThat(Drivers.header(second, DeadLetterHeaders.ERROR)).contains("InvalidPayloadException", "not JSON");
                assertThat(Drivers.header(second, DeadLetterHeaders.ERROR_CLASS)).endsWith("InvalidPayloadException");
                assertThat(Drivers.header(second, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic.name());
                assertThat(Drivers.header(second, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(Drivers.header(second, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
            }
        }
    }

    @Test
    @DisplayName("a valid record whose processing throws is dead-lettered, and the records after it are processed")
    void processingFailureIsDeadLettered(RedisEndpoint redis) {
        try (FeatureStore store = Drivers.emptyStore(redis);
             TopologyTestDriver driver = Drivers.driver(NightshiftTopology.build(store, SETTINGS));
             Jedis jedis = new Jedis(redis.host(), redis.port())) {
            var events = Drivers.input(driver, Topics.SHOP_EVENTS.name());
            // Redis answers, but refuses the write: the shopper's recent-items key holds the wrong type.
            jedis.set(RedisKeys.userRecent("u-1"), "not a sorted set");
            ShopEvent poisoned = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-1", "p-1", null, Drivers.START);
            events.pipeInput("u-1", Drivers.encode(Contract.SHOP_EVENT, poisoned));
            jedis.del(RedisKeys.userRecent("u-1"));
            events.pipeInput("u-1", Drivers.encode(Contract.SHOP_EVENT,
                    ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-1", "p-2", null, Drivers.START)));

            var dead = Drivers.output(driver, Topics.SHOP_EVENTS.deadLetters().name()).readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(Drivers.decode(Contract.SHOP_EVENT, dead.getFirst().value())).isEqualTo(poisoned);
            assertThat(Drivers.header(dead.getFirst(), DeadLetterHeaders.ERROR)).contains("WRONGTYPE");
            // Dead-lettered before it was counted anywhere: sending it again from the dead letters counts it once.
            assertThat(probe(store).popular(10)).extracting(item -> item.productId()).containsExactly("p-2");
            assertThat(probe(store).recentItems("u-1")).containsExactly("p-2");
        }
    }

    @Test
    @DisplayName("Redis being away is not the record's fault: the task fails (and is retried), nothing is dead-lettered")
    void redisOutageIsNotADeadLetter() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (FeatureStore away = FeatureStore.connect(FeatureStoreSettings.of("127.0.0.1", closedPort));
             TopologyTestDriver driver = Drivers.driver(NightshiftTopology.build(away, SETTINGS))) {
            var events = Drivers.input(driver, Topics.SHOP_EVENTS.name());
            byte[] view = Drivers.encode(Contract.SHOP_EVENT,
                    ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-1", "p-1", null, Drivers.START));

            Throwable failure = catchThrowable(() -> events.pipeInput("u-1", view));
            assertThat(causes(failure)).hasAtLeastOneElementOfType(FeatureStoreUnavailableException.class);
            assertThat(Drivers.output(driver, Topics.SHOP_EVENTS.deadLetters().name()).isEmpty()).isTrue();
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
