package io.nightshift.streams.analystlog;

import io.nightshift.schemas.erasure.Erasures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stores one polled batch in PostgreSQL: the database side of {@link EventLogSink}, which keeps
 * the Kafka side (polling, offsets, consumer groups).
 *
 * <p>The batch goes in one transaction. A batch PostgreSQL refuses as data ({@link RecordFaults})
 * is written again one record per transaction, and the records it refuses alone go to the dead
 * letters; any other failure is thrown, so that the sink retries the whole batch (the idempotent
 * writes absorb what was already stored).
 */
final class BatchTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(BatchTransactions.class);

    private final DataSource dataSource;
    private final EventLogSettings settings;
    private final EventLogDeadLetters deadLetters;
    private final EventLogWriter writer;
    private final Consumer<EventLogWriter.Written> committed;

    /**
     * @param committed told after every transaction that committed, also each of a one-by-one retry
     *                  (whose batch may still fail as a whole afterwards)
     */
    BatchTransactions(DataSource dataSource, EventLogSettings settings, EventLogDeadLetters deadLetters,
                      Consumer<EventLogWriter.Written> committed, Erasures erasures) {
        this.writer = new EventLogWriter(erasures);
        this.dataSource = dataSource;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.committed = committed;
    }

    /** Stores the batch, dead-lettering the records PostgreSQL refuses as data; throws when the database itself failed. */
    void store(List<ConsumerRecord<String, byte[]>> batch) throws SQLException {
        try {
            writeInOneTransaction(batch);
        } catch (SQLException | RuntimeException e) {
            if (!RecordFaults.isRecordsFault(e)) {
                throw e;
            }
            LOG.warn("event log: PostgreSQL refused a batch of {} records as data, writing them one by one: {}", batch.size(), e.toString());
            writeOneByOne(batch);
        }
    }

    /**
     * Each record in its own transaction; one that PostgreSQL refuses as data goes to the dead
     * letters. A failure that is not the record's fault stops here and the batch is retried (the
     * records already written are absorbed by the idempotent writes).
     */
    private void writeOneByOne(List<ConsumerRecord<String, byte[]>> batch) throws SQLException {
        for (ConsumerRecord<String, byte[]> record : batch) {
            Exception refused = null;
            try {
                writeInOneTransaction(List.of(record));
            } catch (SQLException | RuntimeException e) {
                if (!RecordFaults.isRecordsFault(e)) {
                    throw e;
                }
                refused = e;
            }
            if (refused != null) {
                deadLetters.send(record, refused);
            }
        }
    }

    private void writeInOneTransaction(List<ConsumerRecord<String, byte[]>> batch) throws SQLException {
        try (Connection connection = connect()) {
            try {
                EventLogWriter.Written written = writer.write(connection, batch);
                connection.commit();
                LOG.debug("event log batch: {}", written);
                committed.accept(written);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** A connection whose session waits for locks and runs statements only so long; set before the transaction, so a rollback keeps them. */
    private Connection connect() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement timeouts = connection.prepareStatement(
                "SELECT set_config('lock_timeout', ?, false), set_config('statement_timeout', ?, false)")) {
            connection.setAutoCommit(true);
            timeouts.setString(1, settings.lockTimeout().toMillis() + "ms");
            timeouts.setString(2, settings.statementTimeout().toMillis() + "ms");
            timeouts.executeQuery().close();
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
