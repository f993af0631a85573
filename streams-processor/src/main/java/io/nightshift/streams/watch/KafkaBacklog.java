package io.nightshift.streams.watch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * How far behind Kafka this app's readers are, asked from the brokers (committed offsets against
 * end offsets), so the numbers survive a restart and cover the event-log sink's plain consumer as
 * well as the Kafka Streams groups:
 * <ul>
 *   <li>{@code nightshift_kafka_consumer_lag_records{group, topic}}: records not yet processed, per group of this app
 *   (the streams application id's groups and the event-log sink's) and input topic; Kafka Streams' own internal
 *   topics are left out</li>
 *   <li>{@code nightshift_dlq_topic_records{topic}}: records ever written to each {@code *.dlq} topic (its end offsets),
 *   whoever wrote them and across restarts, unlike the in-process {@code nightshift_dlq_records_total}. Under
 *   exactly-once each transaction's commit marker takes an offset too, so it rises by one or more per dead letter:
 *   read its change, not its value</li>
 *   <li>{@code nightshift_eventlog_lag_records}: records on the event-log sink's topics not yet in PostgreSQL; NaN while
 *   the brokers do not answer or the sink is disabled</li>
 * </ul>
 * A partition a group never committed counts from its earliest retained record; one whose commit fell
 * behind retention counts from there too (older records are gone from Kafka).
 */
final class KafkaBacklog {

    record Lag(String group, String topic, long records) {
    }

    record Snapshot(List<Lag> lags, Map<String, Long> deadLetters, double eventLogLag) {
    }

    private final Admin admin;
    private final String applicationId;
    private final Supplier<String> eventLogGroup;
    private final List<String> eventLogTopics;
    private final long timeoutMillis;
    private final MultiGauge consumerLag;
    private final MultiGauge deadLetters;
    private volatile double eventLogLag = Double.NaN;

    /**
     * @param eventLogGroup  the sink's current group (a replay moves it to a new one), or null when this instance runs no sink
     * @param eventLogTopics the topics the sink copies to PostgreSQL
     */
    KafkaBacklog(Admin admin, String applicationId, Supplier<String> eventLogGroup, List<String> eventLogTopics, long timeoutMillis, MeterRegistry meters) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.eventLogGroup = eventLogGroup;
        this.eventLogTopics = List.copyOf(eventLogTopics);
        this.timeoutMillis = timeoutMillis;
        this.consumerLag = MultiGauge.builder("nightshift.kafka.consumer.lag").baseUnit("records")
                .description("records on an input topic not yet processed by a consumer group of this app").register(meters);
        this.deadLetters = MultiGauge.builder("nightshift.dlq.topic").baseUnit("records")
                .description("records ever written to a dead-letter topic (sum of its end offsets)").register(meters);
        Gauge.builder("nightshift.eventlog.lag", this, backlog -> backlog.eventLogLag).baseUnit("records")
                .description("records on the event-log sink's topics not yet written to PostgreSQL").strongReference(true).register(meters);
    }

    /** Asks the brokers and updates the gauges; when they do not answer, the gauges say nothing rather than something old. */
    void refresh() {
        try {
            Snapshot snapshot = measure();
            consumerLag.register(snapshot.lags().stream()
                    .map(lag -> MultiGauge.Row.of(Tags.of("group", lag.group(), "topic", lag.topic()), lag.records())).toList(), true);
            deadLetters.register(snapshot.deadLetters().entrySet().stream()
                    .map(entry -> MultiGauge.Row.of(Tags.of("topic", entry.getKey()), entry.getValue())).toList(), true);
            eventLogLag = snapshot.eventLogLag();
        } catch (RuntimeException e) {
            consumerLag.register(List.of(), true);
            deadLetters.register(List.of(), true);
            eventLogLag = Double.NaN;
            throw e;
        }
    }

    Snapshot measure() {
        String eventLogGroup = this.eventLogGroup.get();
        Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
        for (String group : groups(eventLogGroup)) {
            committed.put(group, committedOffsets(group));
        }
        Set<String> topics = new HashSet<>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(tp -> topics.add(tp.topic())));
        if (eventLogGroup != null) {
            topics.addAll(eventLogTopics);
            committed.putIfAbsent(eventLogGroup, Map.of());
        }
        List<String> dlqTopics = Topics.sources().stream().map(TopicSpec::deadLetters).map(TopicSpec::name).toList();
        topics.addAll(dlqTopics);
        Map<String, List<TopicPartition>> partitions = partitions(topics);
        List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).toList();
        Map<TopicPartition, Long> end = offsets(all, OffsetSpec.latest());
        Map<TopicPartition, Long> start = offsets(all, OffsetSpec.earliest());

        List<Lag> lags = new ArrayList<>();
        double eventLog = eventLogGroup == null ? Double.NaN : 0;
        for (Map.Entry<String, Map<TopicPartition, Long>> group : committed.entrySet()) {
            Set<String> groupTopics = new HashSet<>();
            group.getValue().keySet().forEach(tp -> groupTopics.add(tp.topic()));
            if (group.getKey().equals(eventLogGroup)) {
                groupTopics.addAll(eventLogTopics);
            }
            for (String topic : groupTopics) {
                if (!partitions.containsKey(topic)) {
                    continue;
                }
                long behind = 0;
                for (TopicPartition tp : partitions.get(topic)) {
                    long from = Math.max(group.getValue().getOrDefault(tp, 0L), start.getOrDefault(tp, 0L));
                    behind += Math.max(0, end.getOrDefault(tp, 0L) - from);
                }
                lags.add(new Lag(group.getKey(), topic, behind));
                if (group.getKey().equals(eventLogGroup) && eventLogTopics.contains(topic)) {
                    eventLog += behind;
                }
            }
        }
        Map<String, Long> dlq = new TreeMap<>();
        for (String topic : dlqTopics) {
            if (partitions.containsKey(topic)) {
                dlq.put(topic, partitions.get(topic).stream().mapToLong(tp -> end.getOrDefault(tp, 0L)).sum());
            }
        }
        return new Snapshot(lags, dlq, eventLog);
    }

    private List<String> groups(String eventLogGroup) {
        Collection<GroupListing> listed = await(admin.listGroups().all());
        return listed.stream().map(GroupListing::groupId)
                .filter(id -> id.equals(eventLogGroup) || id.equals(applicationId) || id.startsWith(applicationId + "-"))
                .sorted().toList();
    }

    private Map<TopicPartition, Long> committedOffsets(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, offset) -> {
            // Kafka Streams' repartition and changelog topics are its own plumbing, named after the application id.
            if (offset != null && !tp.topic().startsWith(applicationId)) {
                committed.put(tp, offset.offset());
            }
        });
        return committed;
    }

    private Map<String, List<TopicPartition>> partitions(Set<String> topics) {
        Set<String> existing = new HashSet<>(await(admin.listTopics().names()));
        existing.retainAll(topics);
        Map<String, TopicDescription> described = await(admin.describeTopics(existing).allTopicNames());
        Map<String, List<TopicPartition>> partitions = new TreeMap<>();
        described.forEach((name, description) -> partitions.put(name,
                description.partitions().stream().map(p -> new TopicPartition(name, p.partition())).toList()));
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = await(admin.listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka for offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer for the lag metrics within " + timeoutMillis + " ms ("
                    + (e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName()) + ")", e);
        }
    }
}
