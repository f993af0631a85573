package io.nightshift.onlineapi.deadletters;

import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One dead letter's value, byte for byte as it was written to its source topic: what the owner
 * downloads, fixes and sends again (docs/operations.md). Only the dead-letter topics can be read
 * this way, with the same bounded consumers as the console's list.
 */
@Component
class DeadLetterRecord {

    private final DeadLetterConsumers consumers;

    DeadLetterRecord(DeadLetterConsumers consumers) {
        this.consumers = consumers;
    }

    /** The dead-letter topics, the only ones this reads. */
    static Set<String> topics() {
        return Set.copyOf(Topics.sources().stream().map(topic -> topic.deadLetters().name()).toList());
    }

    /**
     * @return the record's value (empty bytes for a record without one); empty when the partition or the
     * offset holds no record (never written, removed by retention, or a transaction marker)
     */
    Optional<byte[]> value(String topic, int partition, long offset) {
        Instant deadline = Instant.now().plus(DeadLetterConsumers.READ_TIME);
        try (Consumer<byte[], byte[]> consumer = consumers.open()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, DeadLetterConsumers.left(deadline));
            if (partitions == null || partitions.stream().noneMatch(info -> info.partition() == partition)) {
                return Optional.empty();
            }
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            long start = consumer.beginningOffsets(List.of(tp), DeadLetterConsumers.left(deadline)).get(tp);
            long end = consumer.endOffsets(List.of(tp), DeadLetterConsumers.left(deadline)).get(tp);
            if (offset < start || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            while (consumer.position(tp, DeadLetterConsumers.left(deadline)) <= offset) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(Math.min(200, DeadLetterConsumers.left(deadline).toMillis())))) {
                    if (record.offset() == offset) {
                        return Optional.of(record.value() == null ? new byte[0] : record.value());
                    }
                }
            }
            return Optional.empty();
        } catch (TimeoutException | AuthorizationException e) {
            throw DeadLetterConsumers.unavailable(e);
        }
    }
}
