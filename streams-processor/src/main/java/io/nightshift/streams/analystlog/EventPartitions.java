package io.nightshift.streams.analystlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Creates the monthly partitions of {@code events} ahead of time (last month, this month and the
 * next {@link EventLogSettings#partitionsAhead()}), off the write path.
 *
 * <p>Why: creating a partition takes an ACCESS EXCLUSIVE lock on {@code events}, which waits for
 * every open transaction that read it, an analyst's included, and makes every later insert wait
 * behind it. The sink used to create the partition of each month it met, so one analyst's open
 * transaction stopped the event log. Now the write path never creates one: an event of a month
 * without its own partition (imports, far past or future clocks) lands in {@code events_default}
 * (V6), and this runs at start and every {@link EventLogSettings#partitionCheck()} with its own
 * short {@code lock_timeout}: if an analyst holds {@code events}, it gives up within the timeout
 * and tries again at the next check, weeks before the month begins.
 *
 * <p>A month that already has rows in the default partition keeps them there (creating its
 * partition would have to move them): analysts query {@code events} and see them either way.
 */
final class EventPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(EventPartitions.class);
    private static final String IN_DEFAULT = """
            SELECT EXISTS (SELECT 1 FROM events_default WHERE occurred_at >= ? AND occurred_at < ?)""";

    private final DataSource dataSource;
    private final int monthsAhead;
    private final Duration lockTimeout;

    EventPartitions(DataSource dataSource, int monthsAhead, Duration lockTimeout) {
        this.dataSource = dataSource;
        this.monthsAhead = monthsAhead;
        this.lockTimeout = lockTimeout;
    }

    /** @return whether every month of the window has its partition (false: try again at the next check) */
    boolean ensureAhead(YearMonth current) {
        boolean complete = true;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int offset = -1; offset <= monthsAhead; offset++) {
                complete &= ensure(connection, current.plusMonths(offset));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("event log: could not check the partitions ahead, trying again at the next check: {}", e.toString());
            return false;
        }
        return complete;
    }

    private boolean ensure(Connection connection, YearMonth month) throws SQLException {
        OffsetDateTime start = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        try {
            try (PreparedStatement timeout = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                timeout.setString(1, lockTimeout.toMillis() + "ms");
                timeout.executeQuery().close();
            }
            if (exists(connection, month) || inDefault(connection, start)) {
                connection.commit();
                return true;
            }
            try (PreparedStatement create = connection.prepareStatement("SELECT ensure_event_partition(?)")) {
                create.setObject(1, start);
                create.executeQuery().close();
            }
            connection.commit();
            LOG.info("event log: partition of {} created ahead", month);
            return true;
        } catch (SQLException e) {
            connection.rollback();
            LOG.warn("event log: partition of {} not created now (sqlstate {}), trying again at the next check: {}",
                    month, e.getSQLState(), e.getMessage());
            return false;
        }
    }

    private static boolean exists(Connection connection, YearMonth month) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, "events_%04d_%02d".formatted(month.getYear(), month.getMonthValue()));
            return single(query);
        }
    }

    private static boolean inDefault(Connection connection, OffsetDateTime start) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(IN_DEFAULT)) {
            query.setObject(1, start);
            query.setObject(2, start.plusMonths(1));
            return single(query);
        }
    }

    private static boolean single(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
