package io.nightshift.streams.analystlog;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Map;

/**
 * Brings the event-log schema up to date: the migrations ship in the schemas jar
 * ({@code classpath:db/eventlog}), so every reader of the log agrees on one schema history.
 *
 * <p>Run by the sink itself rather than by Boot's Flyway auto-configuration, so the app starts
 * (and keeps feeding Redis) while PostgreSQL is away, and migrates once it answers.
 *
 * <p>For analysts (V2): connect as the read-only role {@code analyst} (password
 * {@code nightshift.eventlog.analyst-password}, {@code analyst} in the demo), e.g.
 * {@code psql "postgresql://analyst:analyst@127.0.0.1:<port>/postgres"}. Tables: {@code events}
 * (partitioned by month), {@code catalog_products}, {@code catalog_history},
 * {@code model_versions}, {@code batch_runs}, {@code control_events}, {@code laptop_heartbeats} (V4); views:
 * {@code daily_funnel}, {@code reco_ctr}, and (V4) {@code top_products_by_category},
 * {@code laptop_availability_daily}, {@code served_freshness}. The analysts' guide with example
 * queries is {@code docs/analysts.md}. The role's sessions are read-only and time out after
 * two minutes per statement by default; since V5 read-only comes from its privileges alone
 * (SELECT only, owns nothing, creates nothing), so the defaults it can change itself protect
 * nothing. V6 adds {@code events_default} for months without their own partition, which
 * {@link EventPartitions} creates ahead of time. The password is set when V2 first runs; changing the setting later
 * needs an {@code ALTER ROLE analyst PASSWORD ...}.
 */
public final class EventLogMigrations {

    public static final String LOCATION = "classpath:db/eventlog";
    /** The Flyway placeholder the analyst-role migration reads its password from. */
    public static final String ANALYST_PASSWORD = "analyst_password";

    private static final Logger LOG = LoggerFactory.getLogger(EventLogMigrations.class);

    private EventLogMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource, String analystPassword) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .placeholders(Map.of(ANALYST_PASSWORD, analystPassword))
                .load()
                .migrate();
        LOG.info("event log schema at version {} ({} migrations applied now)", result.targetSchemaVersion, result.migrationsExecuted);
        return result;
    }
}
