package io.nightshift.streams.analystlog;

import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.runtime.Generations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies {@code shop.events.v1}, {@code shop.catalog.v1}, {@code reco.control.v1} and
 * {@code laptop.heartbeat.v1} into the analysts' PostgreSQL tables.
 *
 * <p>One batch per poll, one database transaction per batch, and the Kafka offsets are committed
 * only after the database committed. A crash in between makes the batch come again, which the
 * idempotent writes absorb. When PostgreSQL is away nothing is committed: the events wait in
 * Kafka (kept for ever) and the batch is retried after {@link EventLogSettings#retryBackoff()}.
 * Reads are {@code read_committed}, so aborted exactly-once transactions never reach the log.
 *
 * <p>A batch PostgreSQL refuses as data ({@link RecordFaults}: a NUL character in a string, a
 * value out of range) is written again one record per transaction ({@link BatchTransactions}): the
 * records it refuses alone go to {@code <topic>.dlq} with the reason ({@link EventLogDeadLetters}),
 * the others are stored, and the sink goes on. No record is retried for ever; only the database's own failures are.
 *
 * <p>The sink's session waits at most {@link EventLogSettings#lockTimeout()} for a lock and runs
 * a statement at most {@link EventLogSettings#statementTimeout()}: past either the batch is
 * retried. It never creates a partition ({@link EventPartitions} does, ahead of time, on its own
 * thread), so an analyst's open transaction on {@code events} cannot stop the log.
 *
 * <p>A replay stops the sink, empties the tables and starts it again under a new consumer group
 * ({@link #useGroup}), which reads every topic from its beginning.
 */
public final class EventLogSink implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogSink.class);
    public static final List<String> TOPICS = List.of(Topics.SHOP_EVENTS.name(), Topics.SHOP_CATALOG.name(),
            Topics.RECO_CONTROL.name(), Topics.LAPTOP_HEARTBEAT.name());

    private final LogConnection connection;
    private final EventLogSettings settings;
    private final DataSource dataSource;
    private final EventPartitions partitions;
    private final EventLogDeadLetters deadLetters;
    private final BatchTransactions transactions;
    /** When the partitions ahead were last complete; only the keeper's thread reads and writes it. */
    private Instant partitionsCompleteAt = Instant.MIN;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile SinkStatus status = SinkStatus.starting();
    private volatile String groupId;
    /** False until the generation was discovered (at the first start) or set by a replay. */
    private volatile boolean groupChosen;
    /** What this sink's consumer committed, per partition: only read and written by the sink thread. */
    private final Map<TopicPartition, Long> committedOffsets = new HashMap<>();

    EventLogSink(LogConnection connection, EventLogSettings settings, DataSource dataSource) {
        this(connection, settings, dataSource, new Erasures());
    }

    /** @param erasures the shoppers' erasures: events they cover are not stored, on a replay neither */
    EventLogSink(LogConnection connection, EventLogSettings settings, DataSource dataSource, Erasures erasures) {
        this.connection = connection;
        this.settings = settings;
        this.dataSource = dataSource;
        this.groupId = settings.groupId();
        // Half the sink's lock timeout: the sink's inserts queued behind a waiting partition creation never time out.
        this.partitions = new EventPartitions(dataSource, settings.partitionsAhead(), settings.lockTimeout().dividedBy(2));
        this.deadLetters = new EventLogDeadLetters(connection);
        this.transactions = new BatchTransactions(dataSource, settings, deadLetters, this::committed, erasures);
    }

    /** The consumer group the sink reads with; its committed offsets say how far the log is. */
    public String groupId() {
        return groupId;
    }

    /** Switches to another consumer group; only while stopped (a replay's new generation). */
    public synchronized void useGroup(String newGroupId) {
        if (running) {
            throw new IllegalStateException("stop the event-log sink before switching its consumer group");
        }
        groupId = newGroupId;
        groupChosen = true;
    }

    /** Empties every table the sink fills (only while stopped), so a new group's replay rebuilds them exactly. */
    public synchronized void truncateTables() throws SQLException {
        if (running) {
            throw new IllegalStateException("stop the event-log sink before emptying its tables");
        }
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            EventLogMigrations.migrate(dataSource, settings.analystPassword());
            statement.execute(TRUNCATE);
        }
    }

    /** One statement, so analysts see the old log or the empty one, never half of it. */
    private static final String TRUNCATE = """
            TRUNCATE events, event_ids, catalog_products, catalog_history, model_versions, batch_runs, control_events,
                     laptop_heartbeats""";

    /** What the health indicator shows. */
    record SinkStatus(boolean healthy, String state, Instant lastBatchAt, long eventsWritten, String lastError) {
        static SinkStatus starting() {
            return new SinkStatus(true, "starting", null, 0, null);
        }
    }

    SinkStatus status() {
        return status;
    }

    private void committed(EventLogWriter.Written written) {
        status = new SinkStatus(true, "running", Instant.now(), status.eventsWritten() + written.events(), null);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread sink = new Thread(this::run, "eventlog-sink");
        sink.setDaemon(true);
        thread = sink;
        sink.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread sink = thread;
        if (sink != null) {
            try {
                sink.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        ScheduledExecutorService partitionKeeper = null;
        try {
            migrateUntilDone();
            if (running) {
                partitionKeeper = keepPartitionsAhead();
            }
            consumeUntilStopped();
        } finally {
            if (partitionKeeper != null) {
                partitionKeeper.shutdownNow();
            }
            deadLetters.close();
        }
    }

    /**
     * Checks the partitions ahead now and then every minute; the work is done once per
     * {@link EventLogSettings#partitionCheck()} unless the last attempt was incomplete (an analyst
     * held {@code events} past the short lock timeout).
     */
    private ScheduledExecutorService keepPartitionsAhead() {
        ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "eventlog-partitions");
            thread.setDaemon(true);
            return thread;
        });
        long everyMillis = Math.min(settings.partitionCheck().toMillis(), Duration.ofMinutes(1).toMillis());
        keeper.scheduleWithFixedDelay(this::checkPartitions, 0, everyMillis, TimeUnit.MILLISECONDS);
        return keeper;
    }

    private void checkPartitions() {
        Instant now = Instant.now();
        if (now.isBefore(partitionsCompleteAt.plus(settings.partitionCheck()))) {
            return;
        }
        if (partitions.ensureAhead(YearMonth.now(ZoneOffset.UTC))) {
            partitionsCompleteAt = now;
        }
    }

    private void consumeUntilStopped() {
        while (running) {
            if (!chooseGroup()) {
                continue;
            }
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                committedOffsets.clear();
                kafka.subscribe(TOPICS);
                while (running) {
                    ConsumerRecords<String, byte[]> records = kafka.poll(settings.pollTimeout());
                    if (!records.isEmpty()) {
                        writeOrRewind(kafka, records);
                    } else {
                        commitSkippedMarkers(kafka);
                    }
                }
            } catch (WakeupException stopping) {
                // stop() woke the consumer up: leave the loop.
            } catch (RuntimeException e) {
                // A consumer in an unknown state (a failed commit after a rebalance, a broker away)
                // is replaced; records it had not committed come again and the idempotent writes absorb them.
                fail("reading from Kafka at " + connection.bootstrapServers(), e);
            } finally {
                consumer = null;
            }
        }
    }

    /** At the first start, the group of the newest replay generation (see {@link Generations}). */
    private boolean chooseGroup() {
        if (groupChosen) {
            return true;
        }
        try (Admin admin = Admin.create(connection.clientProperties())) {
            groupId = Generations.name(settings.groupId(), Generations.discover(admin, settings.groupId()));
            groupChosen = true;
            return true;
        } catch (RuntimeException e) {
            fail("finding the replay generation on Kafka at " + connection.bootstrapServers(), e);
            return false;
        }
    }

    private void migrateUntilDone() {
        while (running) {
            try {
                EventLogMigrations.migrate(dataSource, settings.analystPassword());
                return;
            } catch (RuntimeException e) {
                fail("migrating the event log schema", e);
            }
        }
    }

    private void writeOrRewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
            transactions.store(batch);
        } catch (SQLException | RuntimeException e) {
            rewind(kafka, records);
            fail("writing " + batch.size() + " records", e);
            return;
        }
        // After the database commit: a crash before this line replays a batch the writes absorb.
        commit(kafka, nextOffsets(kafka, records));
    }

    private void commit(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> offsets) {
        kafka.commitSync(offsets);
        offsets.forEach((partition, offset) -> committedOffsets.put(partition, offset.offset()));
    }

    /**
     * An idle poll can still move the position past transaction markers; committing that lets
     * the group's lag reach zero. Only positions ahead of what was committed are sent.
     */
    private void commitSkippedMarkers(KafkaConsumer<String, byte[]> kafka) {
        Map<TopicPartition, OffsetAndMetadata> ahead = new HashMap<>();
        for (TopicPartition partition : kafka.assignment()) {
            long position = kafka.position(partition, Duration.ofSeconds(5));
            Long last = committedOffsets.get(partition);
            if (last != null && position > last) {
                ahead.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (!ahead.isEmpty()) {
            commit(kafka, ahead);
        }
    }

    private void fail(String what, Exception e) {
        LOG.warn("event log: {} failed, retrying in {} (the records wait in Kafka): {}", what, settings.retryBackoff(), e.toString());
        status = new SinkStatus(false, "retrying", status.lastBatchAt(), status.eventsWritten(), e.toString());
        try {
            Thread.sleep(settings.retryBackoff().toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Puts the consumer back at the first record of the failed batch, so the next poll retries it. */
    private static void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            kafka.seek(partition, records.records(partition).getFirst().offset());
        }
    }

    /**
     * The consumer's position, not the last record + 1: after a transactional producer's last
     * record comes a commit marker, and committing past it is what makes the lag reach zero
     * (which a replay waits for).
     */
    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            long next = records.records(partition).getLast().offset() + 1;
            offsets.put(partition, new OffsetAndMetadata(Math.max(next, kafka.position(partition))));
        }
        return offsets;
    }

    private Map<String, Object> consumerConfig() {
        return connection.clientProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxBatch(),
                ConsumerConfig.CLIENT_ID_CONFIG, "nightshift-eventlog"));
    }
}
