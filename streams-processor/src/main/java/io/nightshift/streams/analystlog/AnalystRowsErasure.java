package io.nightshift.streams.analystlog;

import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.streams.erasure.ErasureStep;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The shopper's events up to the request leave the analysts' tables. {@code events} is the only
 * table that names a shopper; every view is computed from it, so they forget with it. The
 * {@code event_ids} ledger keeps the bare ids (random UUIDs, nothing about anyone): that is what
 * keeps a late copy of a forgotten event from coming back. Events after the request stay.
 */
final class AnalystRowsErasure implements ErasureStep {

    private static final String DELETE = "DELETE FROM events WHERE user_id = ? AND occurred_at <= ?";

    private final DataSource dataSource;

    AnalystRowsErasure(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String store() {
        return "postgresql";
    }

    @Override
    public void apply(Erasure erasure) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, erasure.userId());
            delete.setObject(2, OffsetDateTime.ofInstant(erasure.requestedAt(), ZoneOffset.UTC));
            delete.executeUpdate();
        }
    }
}
