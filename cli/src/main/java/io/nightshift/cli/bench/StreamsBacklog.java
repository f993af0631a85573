package io.nightshift.cli.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many records the streams processor has not digested yet: its consumer groups' committed
 * offsets against the end offsets, asked from the broker as the processor's own lag gauge does, but
 * at once rather than on its 10-second refresh. A measurement started while it still digests the
 * seed (or the laptop's lists) shares the cores with that work and measures less than serving.
 */
public final class StreamsBacklog implements AutoCloseable {

    /** The streams processor's groups: the loader and the features (one per replay generation), and the event-log sink's. */
    static final List<String> GROUP_PREFIXES = List.of("nightshift-streams", "nightshift-eventlog");

    private final Admin admin;

    public StreamsBacklog(String kafka) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /**
     * Records behind, and the partitions counted: under exactly-once each partition written in a
     * transaction may end with a commit marker its readers never commit past, so up to one record
     * per partition is no work left.
     */
    public record Lag(long records, int partitions) {

        public boolean caughtUp() {
            return records <= partitions;
        }
    }

    public Lag now() {
        try {
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
                if (GROUP_PREFIXES.stream().noneMatch(prefix -> group.groupId().startsWith(prefix))) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                offsets.forEach((tp, offset) -> {
                    if (offset != null) {
                        committed.merge(tp, offset.offset(), Math::min); // two groups on a topic: the slower one counts
                    }
                });
            }
            if (committed.isEmpty()) {
                return new Lag(0, 0);
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> entry : committed.entrySet()) {
                behind += Math.max(0, end.get(entry.getKey()).offset() - entry.getValue());
            }
            return new Lag(behind, committed.size());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the streams processor's lag from Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Polls until the processor has caught up, at most {@code timeout}; returns the last reading
     * (not caught up when the time ran out: the caller says so and measures anyway).
     */
    public Lag awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lag lag = now();
        while (!lag.caughtUp() && System.nanoTime() < deadline) {
            Waiting.pause(Duration.ofMillis(250));
            lag = now();
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
