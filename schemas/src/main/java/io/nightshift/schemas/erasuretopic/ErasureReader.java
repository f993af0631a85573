package io.nightshift.schemas.erasuretopic;

import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.codec.InvalidPayloadException;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Reads {@code shop.erasures.v1} whole, from its beginning, without a consumer group (so a reader
 * needs no group ACL and every start reads everything again: the topic is compacted and small).
 * {@link #catchUp} reads up to the end the topic had when it was called, {@link #poll} what
 * arrived since. Not thread-safe: one thread reads.
 *
 * <p>Readers of {@code shop.events.v1} catch up before they project any event, so an erasure
 * accepted while they were stopped, for days on a laptop, is honoured from their first event on.
 */
public final class ErasureReader implements AutoCloseable {

    private final ContractCodec<Erasure> codec = ContractCodec.of(Contract.ERASURE);
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    /**
     * @param clientProperties the application's Kafka client properties (address, TLS, SASL); the
     *                         deserializers, the group and the commit settings are this reader's
     */
    public ErasureReader(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(props);
        partitions = IntStream.range(0, Topics.SHOP_ERASURES.partitions())
                .mapToObj(p -> new TopicPartition(Topics.SHOP_ERASURES.name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** What one read found: the erasures, and the records that are not erasures (handed to the caller's dead letters). */
    public record Batch(List<Erasure> erasures, List<ConsumerRecord<String, byte[]>> unreadable) {
    }

    /**
     * Reads every record up to the end the topic has now.
     *
     * @throws TimeoutException when Kafka does not give the whole topic within {@code within}
     */
    public Batch catchUp(Duration within) throws TimeoutException {
        long deadline = System.nanoTime() + within.toNanos();
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(partitions, within);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TimeoutException("Kafka did not say where " + Topics.SHOP_ERASURES.name() + " ends within " + within);
        }
        List<Erasure> erasures = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> unreadable = new ArrayList<>();
        while (!reached(ends)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Kafka did not give the whole of " + Topics.SHOP_ERASURES.name() + " within " + within);
            }
            read(Duration.ofMillis(200), erasures::add, unreadable::add);
        }
        return new Batch(List.copyOf(erasures), List.copyOf(unreadable));
    }

    /** Whatever arrived since the last read, waiting at most {@code timeout} for it. */
    public Batch poll(Duration timeout) {
        List<Erasure> erasures = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> unreadable = new ArrayList<>();
        read(timeout, erasures::add, unreadable::add);
        return new Batch(List.copyOf(erasures), List.copyOf(unreadable));
    }

    private void read(Duration timeout, Consumer<Erasure> each, Consumer<ConsumerRecord<String, byte[]>> refused) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.value() == null) {
                // A tombstone would withdraw an erasure; nothing writes one, and an erasure cannot be undone.
                continue;
            }
            try {
                each.accept(codec.decode(record.value()));
            } catch (InvalidPayloadException e) {
                refused.accept(record);
            }
        }
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /** Wakes a thread blocked in {@link #poll} (it throws {@code WakeupException}); callable from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
