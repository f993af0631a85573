package io.nightshift.streams.features;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.InteractionWeight;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

/**
 * Hostile or merely unusual events (far-future and ancient times, huge or meaningless ratings,
 * state left by an older release) never put a non-finite score into Redis.
 */
@RealServers
class BoundedScoresTest {

    /** The demo's own epoch (2026-01-01): the scores as production computes them. */
    private static final DecaySettings DECAY = DecaySettings.defaults();
    private static final double TOLERANCE = 1e-9;

    private RedisEndpoint redis;
    private FeatureStore store;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start(RedisEndpoint redis) {
        this.redis = redis;
        store = Drivers.emptyStore(redis);
        for (String product : List.of("p-1", "p-2", "p-3", "p-4", "p-5")) {
            store.catalog().putProduct(new Product(product, "Item " + product, "kitchen", 10.0, true));
        }
        driver = Drivers.driver(EventFeatures.addTo(new Topology(), store.features(), store.cohortCounts(), store.catalog(), Duration.ofDays(7), DECAY,
                EventFeatures.byProductTopic("topology-test")));
        events = Drivers.input(driver, Topics.SHOP_EVENTS.name());
        deadLetters = Drivers.output(driver, Topics.SHOP_EVENTS.deadLetters().name());
    }

    @AfterEach
    void stop() {
        driver.close();
        store.close();
    }

    @Test
    @DisplayName("with the clock decades ahead (2030, 2060, 2099, 2199) every popular and trending score is finite and newer interest ranks higher")
    void scoresStayFiniteDecadesAhead() {
        send(EventType.VIEW, "p-1", "2030-06-01T00:00:00Z", null);
        send(EventType.VIEW, "p-2", "2060-06-01T00:00:00Z", null);
        send(EventType.VIEW, "p-3", "2099-01-01T00:00:00Z", null);
        send(EventType.VIEW, "p-4", "2199-06-01T00:00:00Z", null);
        // Two views in 2199 one popular half-life apart: worth 1 + 2 = 3 views at the later time.
        send(EventType.VIEW, "p-5", "2199-06-01T00:00:00Z", null);
        send(EventType.VIEW, "p-5", Instant.parse("2199-06-01T00:00:00Z").plus(DECAY.popularHalfLife()).toString(), null);

        assertEveryScoreFinite();
        assertThat(popularIds()).containsExactly("p-5", "p-4", "p-3", "p-2", "p-1");
        assertThat(trendingIds()).containsExactly("p-5", "p-4", "p-3", "p-2", "p-1");
        double latest = DECAY.logPopular(1, Instant.parse("2199-06-01T00:00:00Z").plus(DECAY.popularHalfLife()));
        assertThat(score(RedisKeys.popular(), "p-5")).isCloseTo(latest + Math.log(1.5), within(TOLERANCE));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a plain view dated 2099 writes a finite popular score, and the product's later events still write finite scores")
    void aViewFrom2099DoesNotPoisonTheProduct() {
        send(EventType.VIEW, "p-1", "2099-01-01T00:00:00Z", null);
        send(EventType.VIEW, "p-1", "2026-11-24T10:00:00Z", null);
        send(EventType.VIEW, "p-2", "2026-11-24T10:00:00Z", null);

        assertEveryScoreFinite();
        assertThat(popularIds()).containsExactly("p-1", "p-2");
    }

    @Test
    @DisplayName("the contract's largest rating counts with a bounded weight, 0 is not counted, and ratings beyond the contract (1e308, 1e400, negative) are dead-lettered; nothing is infinite")
    void hostileRatingsAreBounded() {
        send(EventType.RATING, "p-1", "2026-11-24T10:00:00Z", 1e9);
        send(EventType.RATING, "p-2", "2026-11-24T10:00:00Z", 0.0);
        send(EventType.VIEW, "p-4", "2026-11-24T10:00:00Z", null);
        // What a hostile producer could put on the topic, past the API: the contract refuses it at every reader.
        for (String value : List.of("-5", "1e308", "1e400")) {
            sendRaw("{\"eventId\":\"" + UUID.randomUUID() + "\",\"schemaVersion\":2,\"type\":\"rating\",\"userId\":\"u-x\","
                    + "\"productId\":\"p-3\",\"value\":" + value + ",\"occurredAt\":\"2026-11-24T10:00:00Z\"}");
        }

        assertEveryScoreFinite();
        assertThat(popularIds()).containsExactly("p-1", "p-4");
        assertThat(score(RedisKeys.popular(), "p-1") - score(RedisKeys.popular(), "p-4"))
                .isCloseTo(Math.log(InteractionWeight.MAX_RATING_WEIGHT), within(TOLERANCE));
        assertThat(deadLetters.readValuesToList()).hasSize(3);
    }

    @Test
    @DisplayName("an event from 1970 counts with a tiny weight; one from 1900, outside the contract, is dead-lettered as the event log refuses it")
    void theContractsEarliestEventCountsAndOneBeforeItIsDeadLettered() {
        send(EventType.PURCHASE, "p-1", "1970-01-01T00:00:00Z", null);
        send(EventType.VIEW, "p-2", "2026-11-24T10:00:00Z", null);
        sendRaw("{\"eventId\":\"" + UUID.randomUUID() + "\",\"schemaVersion\":2,\"type\":\"view\",\"userId\":\"u-x\","
                + "\"productId\":\"p-3\",\"occurredAt\":\"1900-01-01T00:00:00Z\"}");

        assertThat(deadLetters.readValuesToList()).hasSize(1);
        assertEveryScoreFinite();
        assertThat(popularIds()).containsExactly("p-2", "p-1");
        assertThat(trendingIds()).containsExactly("p-2", "p-1");
    }

    @Test
    @DisplayName("a plain popularity sum left in state by an older release is read as its log; an infinite one is reset, not propagated")
    void oldStateIsMigrated() {
        KeyValueStore<String, byte[]> state = driver.getKeyValueStore(EventFeatures.POPULARITY);
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        double plainBefore = Math.exp(DECAY.logPopular(9, at));
        state.put("p-1", ByteBuffer.allocate(Double.BYTES).putDouble(plainBefore).array());
        state.put("p-2", ByteBuffer.allocate(Double.BYTES).putDouble(Double.POSITIVE_INFINITY).array());

        send(EventType.VIEW, "p-1", at.toString(), null);
        send(EventType.VIEW, "p-2", at.toString(), null);

        assertEveryScoreFinite();
        assertThat(score(RedisKeys.popular(), "p-1")).isCloseTo(DECAY.logPopular(10, at), within(TOLERANCE));
        assertThat(score(RedisKeys.popular(), "p-2")).isCloseTo(DECAY.logPopular(1, at), within(TOLERANCE));
    }

    private void assertEveryScoreFinite() {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            List<String> sortedSets = new ArrayList<>();
            for (String key : jedis.keys(RedisKeys.PREFIX + "*")) {
                if ("zset".equals(jedis.type(key))) {
                    sortedSets.add(key);
                }
            }
            assertThat(sortedSets).contains(RedisKeys.popular());
            for (String key : sortedSets) {
                for (Tuple member : jedis.zrangeWithScores(key, 0, -1)) {
                    assertThat(Double.isFinite(member.getScore())).as(key + " " + member.getElement() + " = " + member.getScore()).isTrue();
                }
            }
        }
    }

    private double score(String key, String member) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            return jedis.zscore(key, member);
        }
    }

    private List<String> popularIds() {
        return probe(store).popular(10).stream().map(item -> item.productId()).toList();
    }

    private List<String> trendingIds() {
        return probe(store).trending("kitchen", 10).stream().map(item -> item.productId()).toList();
    }

    private void sendRaw(String json) {
        events.pipeInput("u-x", json.getBytes(StandardCharsets.UTF_8));
    }

    private void send(EventType type, String productId, String occurredAt, Double value) {
        ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), type, "u-" + UUID.randomUUID(), productId,
                value, Instant.parse(occurredAt));
        events.pipeInput(event.partitionKey(), Drivers.encode(Contract.SHOP_EVENT, event));
    }
}
