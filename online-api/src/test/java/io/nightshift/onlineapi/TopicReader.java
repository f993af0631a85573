package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads a topic from the start with its contract's deserializer, for assertions on what the API wrote. */
final class TopicReader<T> implements AutoCloseable {

    private final KafkaConsumer<String, T> consumer;
    private final List<T> seen = new ArrayList<>();

    TopicReader(KafkaEndpoint kafka, String topic, Contract<T> contract) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "online-api-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ContractSerde<>(contract).deserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code until} holds for the matching records or the deadline passes; returns the matches. */
    List<T> await(Predicate<T> matching, Predicate<List<T>> until, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            List<T> matches = seen.stream().filter(matching).toList();
            if (until.test(matches) || System.nanoTime() > end) {
                return matches;
            }
            consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
        }
    }

    /** Every matching record that arrives within the window (for "exactly one" assertions). */
    List<T> collect(Predicate<T> matching, Duration window) {
        return await(matching, matches -> false, window);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
