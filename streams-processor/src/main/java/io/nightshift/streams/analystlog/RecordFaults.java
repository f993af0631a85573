package io.nightshift.streams.analystlog;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether a failed write is the record's fault, so writing it again can never succeed, or the
 * database's, so it is retried.
 *
 * <p>The record's fault: SQLState class 22 (data exception, e.g. {@code 22021} a NUL character in
 * a string, {@code 22008} a time out of range), 23 (integrity constraint violation) and 54 (a
 * value beyond a program limit, e.g. an index row too large); and any exception that is not an
 * {@link SQLException}, thrown while binding the record's values. Everything else (connection
 * lost {@code 08}, lock or statement timeout {@code 55P03}/{@code 57014}, the database shutting
 * down, a missing privilege) is the database's and retried with back-off: the records wait in Kafka.
 */
final class RecordFaults {

    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    private RecordFaults() {
    }

    static boolean isRecordsFault(Exception error) {
        if (!(error instanceof SQLException sql)) {
            return true;
        }
        // A batch reports the failing statement's state on itself or on the exception it chains.
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            if (isDataState(e.getSQLState())) {
                return true;
            }
            if (e.getCause() instanceof SQLException cause && isDataState(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDataState(String state) {
        return state != null && state.length() >= 2 && DATA_CLASSES.contains(state.substring(0, 2));
    }
}
