package io.nightshift.streams.restore;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads one partition from its beginning to where it ended when the read began, with an assigned
 * consumer (no group: nothing to commit, every read is a whole read). Committed records only: the
 * streams processor writes to the control topic in transactions, and an aborted record never happened.
 */
final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(500);

    private TopicReader() {
    }

    static void readAll(Map<String, Object> client, TopicPartition partition, Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "nightshift-restore-reader");
        // Lists of about a kilobyte each: large fetches read a whole version quickly.
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end) {
                        each.accept(record);
                    }
                }
            }
        }
    }
}
