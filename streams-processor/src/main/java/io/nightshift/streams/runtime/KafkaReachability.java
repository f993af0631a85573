package io.nightshift.streams.runtime;

import io.nightshift.schemas.connection.LogConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the brokers answer, asked with a short timeout: Kafka Streams keeps saying RUNNING for
 * minutes while every broker is away (its clients just retry), so its state alone cannot tell the
 * health indicator that the app is cut off. The answer is kept for {@link #CACHE_FOR}, so frequent
 * health probes do not become a load on the cluster.
 */
final class KafkaReachability implements AutoCloseable {

    static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final Admin admin;
    private final Duration timeout;
    private final Clock clock;
    private Answer last;

    /** What the last check found; {@code problem} is null when the cluster answered. */
    record Answer(Instant at, String problem) {
        boolean reachable() {
            return problem == null;
        }
    }

    KafkaReachability(LogConnection kafka, Duration timeout, Clock clock) {
        int millis = (int) timeout.toMillis();
        this.admin = Admin.create(kafka.clientProperties(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.CLIENT_ID_CONFIG, "nightshift-streams-health")));
        this.timeout = timeout;
        this.clock = clock;
    }

    synchronized Answer check() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.at().plus(CACHE_FOR))) {
            return last;
        }
        last = new Answer(now, ask());
        return last;
    }

    private String ask() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the brokers";
        } catch (Exception e) {
            // The reason's class only: messages carry broker addresses.
            return "no broker answered within " + timeout.toMillis() + " ms (" + rootCause(e).getClass().getSimpleName() + ")";
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
