package io.nightshift.streams.eventlog;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.ServingSnapshot;
import io.nightshift.infra.local.junit.SharedServers;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 */
class ProjectionsAgreeProperties {

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2199-12-31T23:59:59Z");
    private static final List<String> PRODUCTS = List.of("p-0", "p-1", "p-2", "p-3", "p-4");
    private static final AtomicInteger TRIED = new AtomicInteger();

    private static FreshDatabase db;
    private final AtomicLong offset = new AtomicLong();
    private final EventLogWriter writer = new EventLogWriter();
    private FeatureStore store;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeContainer
    static void database() throws SQLException {
        db = FreshDatabase.create(SharedServers.postgres());
        EventLogMigrations.migrate(db.dataSource(), "analyst");
    }

    @AfterContainer
    static void report() {
        System.out.println("events tried against both projections: " + TRIED.get());
    }

    @BeforeProperty
    void topology() {
        store = Drivers.emptyStore(SharedServers.redis());
        PRODUCTS.forEach(id -> store.putProduct(new Product(id, "Item " + id, "kitchen", 10.0, true)));
        driver = Drivers.driver(EventFeatures.addTo(new Topology(), store, Duration.ofDays(7), DecaySettings.defaults(),
                EventFeatures.byProductTopic("agree-test")));
        events = Drivers.input(driver, Topics.SHOP_EVENTS.name());
        deadLetters = Drivers.output(driver, Topics.SHOP_EVENTS.deadLetters().name());
    }

    @AfterProperty
    void close() {
        driver.close();
        store.close();
    }

    @Property(tries = 150)
    void bothProjectionsCountEveryEventTheContractAllows(@ForAll("contractEvents") ShopEvent event) throws SQLException {
        TRIED.incrementAndGet();
        byte[] payload = Drivers.encode(Contract.SHOP_EVENT, event);

        events.pipeInput(event.partitionKey(), payload);
        EventLogWriter.Written written = logged(payload);

        assertThat(deadLetters.readValuesToList()).as("the features dead-lettered %s", event).isEmpty();
        assertThat(written.events() + written.duplicates()).as("the event log stored %s", event).isEqualTo(1);
        assertThat(rowsWithId(event.eventId())).isEqualTo(1);
        assertEveryServedScoreFinite(event.productId());
    }

    @Property(tries = 80)
    void bothProjectionsRefuseWhatTheContractRefuses(@ForAll("refusedPayloads") String json) throws SQLException {
        TRIED.incrementAndGet();
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);

        events.pipeInput("u-refused", payload);
        EventLogWriter.Written written = logged(payload);

        assertThat(deadLetters.readValuesToList()).as("the features refused %s", json).hasSize(1);
        assertThat(written.events()).as("the event log refused %s", json).isZero();
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
        ServingSnapshot snapshot = store.servingRead(productId, "u-1", null, 50);
        assertThat(Stream.concat(snapshot.popular().stream(), snapshot.trending().stream()).mapToDouble(ScoredItem::score))
                .allMatch(Double::isFinite);
        assertThat(store.unreadableValues()).isZero();
    }

    // --- generators ---------------------------------------------------------------------

    @Provide
    Arbitrary<ShopEvent> contractEvents() {
        Arbitrary<Double> values = Arbitraries.oneOf(Arbitraries.just((Double) null), Arbitraries.of(0.0, 1.0, 5.0, 10.0, 1e9, Double.MIN_VALUE),
                Arbitraries.doubles().between(0, 1e9));
        Arbitrary<Instant> times = Arbitraries.oneOf(Arbitraries.of(EARLIEST, LATEST, Instant.now()),
                Arbitraries.longs().between(EARLIEST.toEpochMilli(), LATEST.toEpochMilli()).map(Instant::ofEpochMilli));
        Arbitrary<String> ids = Arbitraries.strings().withChars("abcXYZ019._:@/+-").ofMinLength(1).ofMaxLength(128);
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.just((String) null),
                Arbitraries.strings().all().ofMaxLength(40).filter(ProjectionsAgreeProperties::printable));
        Arbitrary<RecoContext> reco = Builders.withBuilder(() -> new RecoContext("r-1", Tier.BATCH, null, null))
                .use(ids).in((context, requestId) -> new RecoContext(requestId, context.tier(), context.modelVersion(), context.cohort()))
                .use(Arbitraries.of(Tier.values())).in((context, tier) -> new RecoContext(context.requestId(), tier, context.modelVersion(), context.cohort()))
                .use(text).in((context, version) -> new RecoContext(context.requestId(), context.tier(), version, context.cohort()))
                .use(text).in((context, cohort) -> new RecoContext(context.requestId(), context.tier(), context.modelVersion(), cohort))
                .build();
        return Builders.withBuilder(() -> ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-1", "p-0", null, Instant.now()))
                .use(Arbitraries.of(EventType.values())).in((e, type) -> with(e, type, e.value(), e.occurredAt(), e.userId()))
                .use(values).in((e, value) -> with(e, e.type(), value, e.occurredAt(), e.userId()))
                .use(times).in((e, at) -> with(e, e.type(), e.value(), at, e.userId()))
                .use(ids).in((e, user) -> with(e, e.type(), e.value(), e.occurredAt(), user))
                .use(Arbitraries.of(PRODUCTS)).in((e, product) -> new ShopEvent(e.eventId(), e.schemaVersion(), e.type(), e.userId(), null,
                        product, e.value(), e.occurredAt(), e.reco()))
                .use(reco).in((e, context) -> new ShopEvent(e.eventId(), e.schemaVersion(), e.type(), e.userId(), null, e.productId(),
                        e.value(), e.occurredAt(), recoEvent(e.type()) ? context : null))
                .build()
                .map(e -> new ShopEvent(UUID.randomUUID(), e.schemaVersion(), e.type(), e.userId(), null, e.productId(), e.value(), e.occurredAt(),
                        recoEvent(e.type()) && e.reco() == null ? new RecoContext("r-1", Tier.POPULAR, null, null) : recoEvent(e.type()) ? e.reco() : null));
    }

    @Provide
    Arbitrary<String> refusedPayloads() {
        Arbitrary<String> value = Arbitraries.of("-1", "-0.5", "1e308", "1e400", "1000000001", "\"5\"", "true");
        Arbitrary<String> time = Arbitraries.of("1900-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "yesterday", "2026-13-01T00:00:00Z");
        Arbitrary<String> cohort = Arbitraries.of("a\\u0000b", "line\\nbreak", "\\u001b[31m", "\\u0085", "\\u2028");
        return Arbitraries.oneOf(
                value.map(v -> event("\"type\":\"rating\",\"value\":" + v + ",\"occurredAt\":\"2026-11-24T10:00:00Z\"")),
                time.map(t -> event("\"type\":\"view\",\"occurredAt\":\"" + t + "\"")),
                cohort.map(c -> event("\"type\":\"reco_clicked\",\"occurredAt\":\"2026-11-24T10:00:00Z\",\"reco\":{\"requestId\":\"r-1\","
                        + "\"tier\":\"batch\",\"cohort\":\"" + c + "\"}")),
                Arbitraries.of("", "{", "null", "[]", "{\"schemaVersion\":2}", "\u0000"));
    }

    private static String event(String fields) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"schemaVersion\":2,\"userId\":\"u-refused\",\"productId\":\"p-0\"," + fields + "}";
    }

    private static boolean recoEvent(EventType type) {
        return type == EventType.RECO_SERVED || type == EventType.RECO_CLICKED;
    }

    private static ShopEvent with(ShopEvent e, EventType type, Double value, Instant at, String user) {
        return new ShopEvent(e.eventId(), e.schemaVersion(), type, user, null, e.productId(), value, at, e.reco());
    }

    private static boolean printable(String text) {
        return text.codePoints().noneMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029)
                && !text.chars().anyMatch(c -> Character.isSurrogate((char) c));
    }
}
