package io.nightshift.streams.analystlog;

import io.nightshift.schemas.catalog.CatalogChange;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.codec.InvalidPayloadException;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one polled batch into the event-log tables, inside the caller's transaction.
 *
 * <p>Every write is idempotent, so a batch written again after a crash (the database committed,
 * the Kafka offsets did not) changes nothing: events and catalog changes are guarded by their
 * ids, and current-state rows (products, versions, runs) only move forward in time.
 *
 * <p>A record that breaks its contract is skipped here with a warning: the streams topology
 * reading the same topic has already put it in the topic's dead letters.
 */
final class EventLogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogWriter.class);

    /** Inserted in the batch's order, so of two entries with one id the first claims it; answers the ids it claimed. */
    private static final String CLAIM_EVENT_IDS = """
            INSERT INTO event_ids (event_id, occurred_at)
            SELECT id::uuid, at::timestamptz FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS batch(id, at, n) ORDER BY n
            ON CONFLICT (event_id) DO NOTHING RETURNING event_id::text""";
    private static final String INSERT_EVENTS = """
            INSERT INTO events (event_id, occurred_at, type, user_id, session_id, product_id, value, request_id, tier,
                                model_version, cohort, schema_version, kafka_partition, kafka_offset)
            SELECT id::uuid, at::timestamptz, type, user_id, session_id, product_id, value, request_id, tier,
                   model_version, cohort, schema_version, kafka_partition, kafka_offset
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::int4[], ?::int4[], ?::int8[])
                 AS batch(id, at, type, user_id, session_id, product_id, value, request_id, tier,
                          model_version, cohort, schema_version, kafka_partition, kafka_offset)
            ON CONFLICT DO NOTHING""";
    private static final String INSERT_CATALOG_HISTORY = """
            INSERT INTO catalog_history (event_id, product_id, change, name, category, price, available, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""";
    /** A delete keeps the product's last description, so analysts can still name what was sold. */
    private static final String UPSERT_CATALOG_PRODUCT = """
            INSERT INTO catalog_products AS p (product_id, name, category, price, available, deleted, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (product_id) DO UPDATE SET
                name = CASE WHEN EXCLUDED.deleted THEN p.name ELSE EXCLUDED.name END,
                category = CASE WHEN EXCLUDED.deleted THEN p.category ELSE EXCLUDED.category END,
                price = CASE WHEN EXCLUDED.deleted THEN p.price ELSE EXCLUDED.price END,
                available = EXCLUDED.available,
                deleted = EXCLUDED.deleted,
                updated_at = EXCLUDED.updated_at
            WHERE p.updated_at <= EXCLUDED.updated_at""";
    private static final String UPSERT_PUBLISHED_VERSION = """
            INSERT INTO model_versions AS v (model_version, model_family, parameters, metrics, data_range, code_version,
                                             expected_total, published_at)
            VALUES (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
            ON CONFLICT (model_version) DO UPDATE SET
                model_family = EXCLUDED.model_family, parameters = EXCLUDED.parameters, metrics = EXCLUDED.metrics,
                data_range = EXCLUDED.data_range, code_version = EXCLUDED.code_version,
                expected_total = COALESCE(EXCLUDED.expected_total, v.expected_total), published_at = EXCLUDED.published_at""";
    private static final String DEMOTE_ACTIVE = """
            UPDATE model_versions SET status = ? WHERE status = 'active' AND model_version <> ?""";
    private static final String UPSERT_ACTIVE_VERSION = """
            INSERT INTO model_versions AS v (model_version, expected_total, activated_at, activated_by, status)
            VALUES (?, ?, ?, ?, 'active')
            ON CONFLICT (model_version) DO UPDATE SET
                expected_total = COALESCE(EXCLUDED.expected_total, v.expected_total),
                activated_at = EXCLUDED.activated_at, activated_by = EXCLUDED.activated_by, status = 'active'""";
    private static final String UPSERT_RUN = """
            INSERT INTO batch_runs AS r (run_id, status, step, done, total, detail, started_at, updated_at, finished_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (run_id) DO UPDATE SET
                status = EXCLUDED.status, step = EXCLUDED.step, done = EXCLUDED.done, total = EXCLUDED.total,
                detail = EXCLUDED.detail, started_at = COALESCE(r.started_at, EXCLUDED.started_at),
                updated_at = EXCLUDED.updated_at, finished_at = COALESCE(EXCLUDED.finished_at, r.finished_at)
            WHERE r.updated_at <= EXCLUDED.updated_at""";
    private static final String INSERT_CONTROL_EVENT = """
            INSERT INTO control_events (event_id, type, actor, occurred_at, payload) VALUES (?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (event_id) DO NOTHING""";
    /** The last heartbeat of each minute wins, whatever order heartbeats come in; the hottest reading is kept. */
    private static final String UPSERT_HEARTBEAT = """
            INSERT INTO laptop_heartbeats AS h (laptop_id, minute, sent_at, state, power, temperature_c, device, running_job,
                                                progress, fresh_lag)
            VALUES (?, date_trunc('minute', ?::timestamptz), ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (laptop_id, minute) DO UPDATE SET
                sent_at = EXCLUDED.sent_at, state = EXCLUDED.state, power = EXCLUDED.power,
                temperature_c = EXCLUDED.temperature_c, device = EXCLUDED.device, running_job = EXCLUDED.running_job,
                progress = EXCLUDED.progress, fresh_lag = EXCLUDED.fresh_lag
            WHERE h.sent_at < EXCLUDED.sent_at""";

    private final ContractCodec<ShopEvent> events = ContractCodec.of(Contract.SHOP_EVENT);
    private final ContractCodec<CatalogEvent> catalog = ContractCodec.of(Contract.CATALOG_EVENT);
    private final ContractCodec<ControlEvent> control = ContractCodec.of(Contract.CONTROL_EVENT);
    private final ContractCodec<Heartbeat> heartbeats = ContractCodec.of(Contract.HEARTBEAT);
    private final Erasures erasures;

    EventLogWriter() {
        this(new Erasures());
    }

    /** @param erasures the shoppers' erasures: an event they cover is not stored */
    EventLogWriter(Erasures erasures) {
        this.erasures = erasures;
    }

    /** What one batch did. */
    record Written(int events, int duplicates, int catalogChanges, int controlEvents, int skipped) {
    }

    /**
     * Writes a batch in the connection's transaction. Never creates a partition: an event of a
     * month without one lands in {@code events_default} (see {@link EventPartitions}).
     */
    Written write(Connection connection, List<ConsumerRecord<String, byte[]>> records) throws SQLException {
        List<Positioned<ShopEvent>> shopEvents = new ArrayList<>();
        List<CatalogEvent> catalogEvents = new ArrayList<>();
        List<ControlEvent> controlEvents = new ArrayList<>();
        List<Heartbeat> laptopHeartbeats = new ArrayList<>();
        int skipped = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                // Compaction tombstones carry nothing to log: the delete event before them did.
                continue;
            }
            try {
                switch (record.topic()) {
                    case String t when t.equals(Topics.SHOP_EVENTS.name()) -> {
                        ShopEvent event = events.decode(record.value());
                        // An erased shopper's event up to their request is stored nowhere, on a replay neither.
                        if (!erasures.covers(event)) {
                            shopEvents.add(new Positioned<>(event, record.partition(), record.offset()));
                        }
                    }
                    case String t when t.equals(Topics.SHOP_CATALOG.name()) -> catalogEvents.add(catalog.decode(record.value()));
                    case String t when t.equals(Topics.RECO_CONTROL.name()) -> controlEvents.add(control.decode(record.value()));
                    case String t when t.equals(Topics.LAPTOP_HEARTBEAT.name()) -> laptopHeartbeats.add(heartbeats.decode(record.value()));
                    default -> throw new IllegalStateException("the event log does not read " + record.topic());
                }
            } catch (InvalidPayloadException e) {
                skipped++;
                io.micrometer.core.instrument.Metrics.counter("nightshift.eventlog.skipped", "topic", record.topic()).increment();
                LOG.warn("event log skips {}-{}@{} (it is in the topic's dead letters): {}",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        int[] events = writeEvents(connection, shopEvents);
        int catalogChanges = writeCatalog(connection, catalogEvents);
        logControl(connection, controlEvents);
        for (ControlEvent event : controlEvents) {
            writeControl(connection, event);
        }
        writeHeartbeats(connection, laptopHeartbeats);
        return new Written(events[0], events[1], catalogChanges, controlEvents.size(), skipped);
    }

    /**
     * The batch's events in two statements whatever its size, each taking its columns as arrays:
     * one row per statement made PostgreSQL set up every insert (and route it to its month's
     * partition) on its own, most of the sink's time in a replay.
     *
     * @return {written, duplicates}
     */
    private int[] writeEvents(Connection connection, List<Positioned<ShopEvent>> shopEvents) throws SQLException {
        if (shopEvents.isEmpty()) {
            return new int[]{0, 0};
        }
        int size = shopEvents.size();
        String[] ids = new String[size];
        String[] times = new String[size];
        for (int i = 0; i < size; i++) {
            ids[i] = shopEvents.get(i).value().eventId().toString();
            times[i] = shopEvents.get(i).value().occurredAt().toString();
        }
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_EVENT_IDS)) {
            claim.setArray(1, connection.createArrayOf("text", ids));
            claim.setArray(2, connection.createArrayOf("text", times));
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getString(1));
                }
            }
        }
        // Only the batch entry that claimed the id writes the event: the first one in the batch
        // (the ids are inserted in the batch's order); duplicates, within this batch or from any
        // earlier one, stop at event_ids.
        List<Positioned<ShopEvent>> firsts = new ArrayList<>(claimed.size());
        for (Positioned<ShopEvent> positioned : shopEvents) {
            if (claimed.remove(positioned.value().eventId().toString())) {
                firsts.add(positioned);
            }
        }
        if (!firsts.isEmpty()) {
            insertEvents(connection, firsts);
        }
        return new int[]{firsts.size(), size - firsts.size()};
    }

    private static void insertEvents(Connection connection, List<Positioned<ShopEvent>> rows) throws SQLException {
        int size = rows.size();
        String[] ids = new String[size];
        String[] times = new String[size];
        String[] types = new String[size];
        String[] users = new String[size];
        String[] sessions = new String[size];
        String[] products = new String[size];
        Double[] values = new Double[size];
        String[] requests = new String[size];
        String[] tiers = new String[size];
        String[] versions = new String[size];
        String[] cohorts = new String[size];
        Integer[] schemaVersions = new Integer[size];
        Integer[] partitions = new Integer[size];
        Long[] offsets = new Long[size];
        for (int i = 0; i < size; i++) {
            ShopEvent event = rows.get(i).value();
            RecoContext reco = event.reco();
            ids[i] = event.eventId().toString();
            times[i] = event.occurredAt().toString();
            types[i] = event.type().wire();
            users[i] = event.userId();
            sessions[i] = event.sessionId();
            products[i] = event.productId();
            values[i] = event.value();
            requests[i] = reco == null ? null : reco.requestId();
            tiers[i] = reco == null || reco.tier() == null ? null : reco.tier().wire();
            versions[i] = reco == null ? null : reco.modelVersion();
            cohorts[i] = reco == null ? null : reco.cohort();
            schemaVersions[i] = event.schemaVersion();
            partitions[i] = rows.get(i).partition();
            offsets[i] = rows.get(i).offset();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENTS)) {
            insert.setArray(1, connection.createArrayOf("text", ids));
            insert.setArray(2, connection.createArrayOf("text", times));
            insert.setArray(3, connection.createArrayOf("text", types));
            insert.setArray(4, connection.createArrayOf("text", users));
            insert.setArray(5, connection.createArrayOf("text", sessions));
            insert.setArray(6, connection.createArrayOf("text", products));
            insert.setArray(7, connection.createArrayOf("float8", values));
            insert.setArray(8, connection.createArrayOf("text", requests));
            insert.setArray(9, connection.createArrayOf("text", tiers));
            insert.setArray(10, connection.createArrayOf("text", versions));
            insert.setArray(11, connection.createArrayOf("text", cohorts));
            insert.setArray(12, connection.createArrayOf("int4", schemaVersions));
            insert.setArray(13, connection.createArrayOf("int4", partitions));
            insert.setArray(14, connection.createArrayOf("int8", offsets));
            insert.executeUpdate();
        }
    }

    private int writeCatalog(Connection connection, List<CatalogEvent> changes) throws SQLException {
        if (changes.isEmpty()) {
            return 0;
        }
        int[] recorded;
        try (PreparedStatement history = connection.prepareStatement(INSERT_CATALOG_HISTORY)) {
            for (CatalogEvent change : changes) {
                Product product = change.product();
                history.setObject(1, change.eventId());
                history.setString(2, change.productId());
                history.setString(3, change.change().wire());
                history.setString(4, product == null ? null : product.name());
                history.setString(5, product == null ? null : product.category());
                setDouble(history, 6, product == null ? null : product.price());
                if (product == null) {
                    history.setNull(7, Types.BOOLEAN);
                } else {
                    history.setBoolean(7, product.available());
                }
                history.setObject(8, utc(change.occurredAt()));
                history.addBatch();
            }
            recorded = history.executeBatch();
        }
        int applied = 0;
        try (PreparedStatement current = connection.prepareStatement(UPSERT_CATALOG_PRODUCT)) {
            for (int i = 0; i < changes.size(); i++) {
                if (recorded[i] != 1) {
                    continue;
                }
                CatalogEvent change = changes.get(i);
                boolean deleted = change.change() == CatalogChange.DELETE;
                Product product = deleted ? null : change.product();
                current.setString(1, change.productId());
                current.setString(2, product == null ? null : product.name());
                current.setString(3, product == null ? null : product.category());
                setDouble(current, 4, product == null ? null : product.price());
                current.setBoolean(5, product != null && product.available());
                current.setBoolean(6, deleted);
                current.setObject(7, utc(change.occurredAt()));
                current.addBatch();
                applied++;
            }
            if (applied > 0) {
                current.executeBatch();
            }
        }
        return applied;
    }

    private void logControl(Connection connection, List<ControlEvent> controlEvents) throws SQLException {
        if (controlEvents.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CONTROL_EVENT)) {
            for (ControlEvent event : controlEvents) {
                insert.setObject(1, event.eventId());
                insert.setString(2, event.type().wire());
                insert.setString(3, event.actor());
                insert.setObject(4, utc(event.occurredAt()));
                insert.setString(5, new String(control.encode(event), StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void writeControl(Connection connection, ControlEvent event) throws SQLException {
        switch (event.type()) {
            case VERSION_PUBLISHED -> published(connection, event.version(), event.occurredAt());
            case VERSION_ACTIVATED -> activated(connection, event, "superseded");
            case VERSION_ROLLED_BACK -> activated(connection, event, "rolled_back");
            case RUN_REQUESTED, RUN_PROGRESS -> run(connection, event.run(), event.occurredAt());
            // Schedules, kill switches, activation requests and replays live in control_events only.
            case SCHEDULE_CHANGED, KILL_SWITCH_CHANGED, ACTIVATION_REQUESTED, REPLAY_REQUESTED, REPLAY_PROGRESS -> {
            }
        }
    }

    private static void writeHeartbeats(Connection connection, List<Heartbeat> heartbeats) throws SQLException {
        if (heartbeats.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_HEARTBEAT)) {
            for (Heartbeat heartbeat : heartbeats) {
                upsert.setString(1, heartbeat.laptopId());
                upsert.setObject(2, utc(heartbeat.sentAt()));
                upsert.setObject(3, utc(heartbeat.sentAt()));
                upsert.setString(4, heartbeat.state());
                upsert.setString(5, heartbeat.power());
                setDouble(upsert, 6, heartbeat.temperatureC());
                upsert.setString(7, heartbeat.device());
                upsert.setString(8, heartbeat.runningJob());
                setDouble(upsert, 9, heartbeat.progress());
                setLong(upsert, 10, heartbeat.freshLag());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static void published(Connection connection, VersionInfo version, Instant at) throws SQLException {
        Lineage lineage = version.lineage();
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_PUBLISHED_VERSION)) {
            upsert.setString(1, version.modelVersion());
            upsert.setString(2, lineage == null ? null : lineage.modelFamily());
            upsert.setString(3, json(lineage == null ? Map.of() : lineage.parameters()));
            upsert.setString(4, json(lineage == null ? Map.of() : lineage.metrics()));
            upsert.setString(5, lineage == null ? null : lineage.dataRange());
            upsert.setString(6, lineage == null ? null : lineage.codeVersion());
            setLong(upsert, 7, version.expectedTotal());
            upsert.setObject(8, utc(at));
            upsert.executeUpdate();
        }
    }

    private static void activated(Connection connection, ControlEvent event, String formerActiveBecomes) throws SQLException {
        String version = event.version().modelVersion();
        try (PreparedStatement demote = connection.prepareStatement(DEMOTE_ACTIVE);
             PreparedStatement upsert = connection.prepareStatement(UPSERT_ACTIVE_VERSION)) {
            demote.setString(1, formerActiveBecomes);
            demote.setString(2, version);
            demote.executeUpdate();
            upsert.setString(1, version);
            setLong(upsert, 2, event.version().expectedTotal());
            upsert.setObject(3, utc(event.occurredAt()));
            upsert.setString(4, event.actor());
            upsert.executeUpdate();
        }
    }

    private static void run(Connection connection, RunProgress run, Instant at) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_RUN)) {
            upsert.setString(1, run.runId());
            upsert.setString(2, run.status().wire());
            upsert.setString(3, run.step());
            upsert.setLong(4, run.done());
            upsert.setLong(5, run.total());
            upsert.setString(6, run.detail());
            upsert.setObject(7, run.status() == RunStatus.RUNNING ? utc(at) : null, Types.TIMESTAMP_WITH_TIMEZONE);
            upsert.setObject(8, utc(at));
            upsert.setObject(9, run.status().isFinal() ? utc(at) : null, Types.TIMESTAMP_WITH_TIMEZONE);
            upsert.executeUpdate();
        }
    }

    private static String json(Map<String, ?> map) {
        return ContractCodec.MAPPER.writeValueAsString(map);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** A decoded record and where it sits in Kafka, which the events table keeps for lineage. */
    private record Positioned<T>(T value, int partition, long offset) {
    }
}
