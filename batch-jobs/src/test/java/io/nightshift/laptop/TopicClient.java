package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Writes and reads contract records on the real Kafka the way the other applications do. */
public final class TopicClient {

    private final KafkaEndpoint kafka;

    public TopicClient(KafkaEndpoint kafka) {
        this.kafka = kafka;
    }

    /** Sends the records in order and waits until Kafka has acknowledged all of them. */
    public <T> void send(String topic, Contract<T> contract, List<Map.Entry<String, T>> records) throws Exception {
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ContractSerde<>(contract))) {
            List<Future<?>> acks = new ArrayList<>();
            for (Map.Entry<String, T> record : records) {
                acks.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
            }
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Reads the whole topic from the beginning, again and again, until what it holds satisfies
     * {@code until} or the time is up; returns the last reading either way.
     */
    public <T> List<ConsumerRecord<String, T>> readUntil(String topic, Contract<T> contract, Predicate<List<ConsumerRecord<String, T>>> until,
                                                         Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ConsumerRecord<String, T>> all = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ContractSerde<>(contract))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                if (until.test(all) || Instant.now().isAfter(deadline)) {
                    return all;
                }
            }
        }
    }

    /** Everything the topic holds now. */
    public <T> List<ConsumerRecord<String, T>> readAll(String topic, Contract<T> contract) {
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<String, T> probe = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(), new ContractSerde<>(contract))) {
            List<TopicPartition> partitions = probe.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            ends = probe.endOffsets(partitions);
        }
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        return readUntil(topic, contract, records -> records.size() >= total, Duration.ofSeconds(30));
    }
}
