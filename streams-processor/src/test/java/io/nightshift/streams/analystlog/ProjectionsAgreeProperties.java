package io.nightshift.streams.analystlog;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.ServingSnapshot;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import io.nightshift.streams.features.DecaySettings;
import io.nightshift.streams.features.EventFeatures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two cloud projections of {@code shop.events.v1}, the Redis features and the PostgreSQL
 * event log, agree on which events count, for generated events across everything the contract
 * allows (every type, values up to 1e9, dates from 1970 to 2199) and for payloads it refuses:
 * both take the first kind, both refuse the second, and no score that serving reads is ever
 * unusable.
 *
 * <p>Events come from a seeded generator, so a run is repeatable: the seed is printed, and
 * {@code -Dnightshift.property.seed=N} replays or explores another one.
 */
@RealServers
class ProjectionsAgreeProperties {

    private static final long SEED = Long.getLong("nightshift.property.seed", 20261204L);

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2199-12-31T23:59:59Z");
    private static final List<String> PRODUCTS = List.of("p-0", "p-1", "p-2", "p-3", "p-4");
    private static final AtomicInteger TRIED = new AtomicInteger();

    private static FreshDatabase db;
    private static RedisEndpoint redis;
    private final Random random = new Random(SEED);
    private final AtomicLong offset = new AtomicLong();
    private final EventLogWriter writer = new EventLogWriter();
    private FeatureStore store;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeAll
    static void servers(PostgresEndpoint postgres, RedisEndpoint redisEndpoint) throws SQLException {
        db = FreshDatabase.create(postgres);
        EventLogMigrations.migrate(db.dataSource(), "analyst");
        redis = redisEndpoint;
    }

    @AfterAll
    static void report() {
        System.out.println("events tried against both projections: " + TRIED.get() + " (seed " + SEED + ")");
    }

    @BeforeEach
    void topology() {
        store = Drivers.emptyStore(redis);
        PRODUCTS.forEach(id -> store.catalog().putProduct(new Product(id, "Item " + id, "kitchen", 10.0, true)));
        driver = Drivers.driver(EventFeatures.addTo(new Topology(), store.features(), store.cohortCounts(), store.catalog(), Duration.ofDays(7), DecaySettings.defaults(),
                EventFeatures.byProductTopic("agree-test")));
        events = Drivers.input(driver, Topics.SHOP_EVENTS.name());
        deadLetters = Drivers.output(driver, Topics.SHOP_EVENTS.deadLetters().name());
    }

    @AfterEach
    void close() {
        driver.close();
        store.close();
    }

    @Test
    @DisplayName("every generated event the contract allows is counted by the features and stored by the event log")
    void bothProjectionsCountEveryEventTheContractAllows() throws SQLException {
        for (int i = 0; i < 150; i++) {
            countedByBoth(contractEvent());
        }
    }

    @Test
    @DisplayName("every generated payload the contract refuses is refused by the features and by the event log")
    void bothProjectionsRefuseWhatTheContractRefuses() throws SQLException {
        for (int i = 0; i < 80; i++) {
            refusedByBoth(refusedPayload());
        }
    }

    private void countedByBoth(ShopEvent event) throws SQLException {
        TRIED.incrementAndGet();
        byte[] payload = Drivers.encode(Contract.SHOP_EVENT, event);

        events.pipeInput(event.partitionKey(), payload);
        EventLogWriter.Written written = logged(payload);

        assertThat(deadLetters.readValuesToList()).as("the features dead-lettered %s (seed %s)", event, SEED).isEmpty();
        assertThat(written.events() + written.duplicates()).as("the event log stored %s (seed %s)", event, SEED).isEqualTo(1);
        assertThat(rowsWithId(event.eventId())).isEqualTo(1);
        assertEveryServedScoreFinite(event.productId());
    }

    private void refusedByBoth(String json) throws SQLException {
        TRIED.incrementAndGet();
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);

        events.pipeInput("u-refused", payload);
        EventLogWriter.Written written = logged(payload);

        assertThat(deadLetters.readValuesToList()).as("the features refused %s (seed %s)", json, SEED).hasSize(1);
        assertThat(written.events()).as("the event log refused %s (seed %s)", json, SEED).isZero();
        assertThat(written.skipped()).isEqualTo(1);
        PRODUCTS.forEach(this::assertEveryServedScoreFinite);
    }

    private EventLogWriter.Written logged(byte[] payload) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            EventLogWriter.Written written = writer.write(connection,
                    List.of(new ConsumerRecord<>(Topics.SHOP_EVENTS.name(), 0, offset.incrementAndGet(), "k", payload)));
            connection.commit();
            return written;
        }
    }

    private long rowsWithId(UUID eventId) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM events WHERE event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void assertEveryServedScoreFinite(String productId) {
        ServingSnapshot snapshot = store.serving().servingRead(productId, "u-1", null, 50);
        assertThat(Stream.concat(snapshot.popular().stream(), snapshot.trending().stream()).mapToDouble(ScoredItem::score))
                .allMatch(Double::isFinite);
        assertThat(store.serving().unreadableValues()).isZero();
    }

    // --- generators ---------------------------------------------------------------------

    private ShopEvent contractEvent() {
        EventType type = pick(EventType.values());
        Double value = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> pick(0.0, 1.0, 5.0, 10.0, 1e9, Double.MIN_VALUE);
            default -> random.nextDouble() * Math.pow(10, random.nextInt(10));
        };
        Instant at = switch (random.nextInt(4)) {
            case 0 -> pick(EARLIEST, LATEST, Instant.now());
            default -> Instant.ofEpochMilli(random.nextLong(EARLIEST.toEpochMilli(), LATEST.toEpochMilli() + 1));
        };
        RecoContext reco = recoEvent(type) ? new RecoContext(id(), pick(Tier.values()), printableOrNull(), printableOrNull()) : null;
        return new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, type, id(), null, pick(PRODUCTS.toArray(String[]::new)),
                value, at, reco);
    }

    private String refusedPayload() {
        return switch (random.nextInt(4)) {
            case 0 -> event("\"type\":\"rating\",\"value\":" + pick("-1", "-0.5", "1e308", "1e400", "1000000001", "\"5\"", "true")
                    + ",\"occurredAt\":\"2026-11-24T10:00:00Z\"");
            case 1 -> event("\"type\":\"view\",\"occurredAt\":\"" + pick("1900-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z",
                    "+10000-01-01T00:00:00Z", "yesterday", "2026-13-01T00:00:00Z", "2026-02-31T00:00:00Z") + "\"");
            case 2 -> event("\"type\":\"reco_clicked\",\"occurredAt\":\"2026-11-24T10:00:00Z\",\"reco\":{\"requestId\":\"r-1\","
                    + "\"tier\":\"batch\",\"cohort\":\"" + pick("a\\u0000b", "line\\nbreak", "\\u001b[31m", "\\u0085", "\\u2028") + "\"}");
            default -> pick("", "{", "null", "[]", "{\"schemaVersion\":2}", "\u0000");
        };
    }

    /** An id as the contract allows it: 1 to 128 of {@code [A-Za-z0-9._:@/+-]}. */
    private String id() {
        String alphabet = "abcXYZ019._:@/+-";
        StringBuilder id = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(random.nextInt(8) == 0 ? 128 : 12); i < n; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** Null, or any text without the characters the contract refuses (and without lone surrogates). */
    private String printableOrNull() {
        if (random.nextInt(3) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        while (text.length() < length) {
            int c = random.nextInt(0x2FFFF);
            if (c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && c != 0x2028 && c != 0x2029 && !(c >= 0xD800 && c <= 0xDFFF)) {
                text.appendCodePoint(c);
            }
        }
        return text.toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String event(String fields) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"schemaVersion\":2,\"userId\":\"u-refused\",\"productId\":\"p-0\"," + fields + "}";
    }

    private static boolean recoEvent(EventType type) {
        return type == EventType.RECO_SERVED || type == EventType.RECO_CLICKED;
    }
}
