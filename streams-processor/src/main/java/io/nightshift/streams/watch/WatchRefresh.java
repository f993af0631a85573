package io.nightshift.streams.watch;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the lag and the active version on one background thread, at start and then every
 * {@code refreshEvery}: a scrape never waits on Kafka or Redis, and one that is away costs a
 * warning when it goes and a line when it is back, not one per reading.
 */
final class WatchRefresh implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchRefresh.class);

    private final Admin admin;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("nightshift-metrics-refresh").factory());
    private volatile String kafkaProblem;
    private volatile String redisProblem;

    WatchRefresh(Duration every, Admin admin, KafkaBacklog backlog, ActiveVersion version) {
        this.admin = admin;
        thread.scheduleWithFixedDelay(() -> {
            kafkaProblem = attempt("Kafka", kafkaProblem, backlog::refresh);
            redisProblem = attempt("Redis", redisProblem, version::refresh);
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String attempt(String what, String previous, Runnable refresh) {
        try {
            refresh.run();
            if (previous != null) {
                LOG.info("lag and version metrics: {} answers again", what);
            }
            return null;
        } catch (RuntimeException e) {
            if (previous == null) {
                LOG.warn("lag and version metrics: cannot read from {} ({}); they show nothing until it answers", what, e.getMessage());
            }
            return String.valueOf(e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
