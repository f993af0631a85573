package io.nightshift.laptop;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An H2 trigger on scored_lists for {@link LargeCatalogJobTest}: fails the insert after
 * {@link #failAfter} inserted rows (a run dying mid-score, after some chunks committed) and
 * counts updates, which are lists written again for a product that already had one.
 */
public class FailingScoredLists implements Trigger {

    static volatile int failAfter = Integer.MAX_VALUE;
    static final AtomicInteger inserts = new AtomicInteger();
    static final AtomicInteger updates = new AtomicInteger();

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null) {
            updates.incrementAndGet();
        } else if (inserts.incrementAndGet() > failAfter) {
            throw new SQLException("the test kills scoreCatalog here, after " + failAfter + " lists");
        }
    }
}
