package io.nightshift.cli.backup;

import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A logical backup of the topics that are the platform's source of truth, and its import into an
 * empty cluster. One file per topic, {@code <topic>.jsonl}, one {@link BackupRecord} per line in
 * offset order per partition; the import writes every record back to its partition with its key,
 * value, timestamp and headers, so keys land where they were and compaction keeps the same latest
 * record per key. Works against any cluster the client settings reach (the local stack, a server
 * over SASL/TLS, a managed Kafka).
 */
public final class TopicBackup {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Base64.Encoder ENCODE = Base64.getEncoder();
    private static final Base64.Decoder DECODE = Base64.getDecoder();

    private final Map<String, Object> client;
    private final PrintWriter out;

    /**
     * @param client Kafka client settings: bootstrap servers, and security for a remote cluster
     * @param out    where progress is printed
     */
    public TopicBackup(Map<String, Object> client, PrintWriter out) {
        this.client = Map.copyOf(client);
        this.out = out;
    }

    /**
     * What a backup holds: every topic that is kept for ever or compacted (the event log, the
     * catalog, the control topic, the active version's copy, the dead letters). The others expire
     * within days and are rebuilt by the apps.
     */
    public static List<TopicSpec> keptTopics() {
        return Topics.all().stream().filter(topic -> topic.retention() == -1).toList();
    }

    /** Writes each topic's records, up to where it ended when the export began, to {@code <dir>/<topic>.jsonl}. */
    public void exportTo(Path dir, List<TopicSpec> topics) throws IOException {
        Files.createDirectories(dir);
        for (TopicSpec topic : topics) {
            Path file = dir.resolve(topic.name() + ".jsonl");
            long written = 0;
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                for (TopicPartition partition : partitions) {
                    // One partition at a time, so the file keeps each partition's order.
                    consumer.pause(partitions);
                    consumer.resume(List.of(partition));
                    while (consumer.position(partition) < ends.get(partition)) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                            if (record.offset() >= ends.get(partition)) {
                                continue;
                            }
                            writer.write(ContractCodec.MAPPER.writeValueAsString(toLine(record)));
                            writer.newLine();
                            written++;
                        }
                    }
                }
            }
            out.println("  " + topic.name() + ": " + written + " records -> " + file);
            out.flush();
        }
    }

    /**
     * Writes the records of every {@code <topic>.jsonl} in {@code dir} back to their topics,
     * creating the platform's topics first. Refuses a topic that already holds records: an import
     * on top would duplicate them.
     */
    public void importFrom(Path dir, List<TopicSpec> topics) throws IOException, InterruptedException {
        try (Admin admin = Admin.create(client)) {
            Topics.createMissing(admin);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the topics on Kafka at " + client.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e, e);
        }
        List<TopicSpec> present = topics.stream().filter(topic -> Files.exists(dir.resolve(topic.name() + ".jsonl"))).toList();
        if (present.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no backup file (<topic>.jsonl for " + topics.getFirst().name() + " and the others)");
        }
        for (TopicSpec topic : present) {
            requireEmpty(topic);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (TopicSpec topic : present) {
                Path file = dir.resolve(topic.name() + ".jsonl");
                long sent = 0;
                List<Future<?>> acks = new ArrayList<>();
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        acks.add(producer.send(toRecord(topic.name(), ContractCodec.MAPPER.readValue(line, BackupRecord.class))));
                        sent++;
                    }
                }
                producer.flush();
                for (Future<?> ack : acks) {
                    try {
                        ack.get(60, TimeUnit.SECONDS);
                    } catch (ExecutionException | TimeoutException e) {
                        throw new IllegalStateException("Kafka did not take the records of " + topic.name() + ": " + e, e);
                    }
                }
                out.println("  " + topic.name() + ": " + sent + " records <- " + file);
                out.flush();
            }
        }
    }

    private void requireEmpty(TopicSpec topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long held = partitions.stream().mapToLong(p -> ends.get(p) - starts.get(p)).sum();
            if (held > 0) {
                throw new IllegalStateException(topic.name() + " already holds " + held + " records; import a backup into a new, empty cluster only"
                        + " (an import on top would duplicate them)");
            }
        }
    }

    private static BackupRecord toLine(ConsumerRecord<byte[], byte[]> record) {
        List<BackupRecord.Header> headers = new ArrayList<>();
        record.headers().forEach(header -> headers.add(new BackupRecord.Header(header.key(), encode(header.value()))));
        return new BackupRecord(record.partition(), record.offset(), record.timestamp(), encode(record.key()), encode(record.value()), headers);
    }

    private static ProducerRecord<byte[], byte[]> toRecord(String topic, BackupRecord line) {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        line.headers().forEach(header -> headers.add(new RecordHeader(header.name(), decode(header.value()))));
        return new ProducerRecord<>(topic, line.partition(), line.timestamp(), decode(line.key()), decode(line.value()), headers);
    }

    private static String encode(byte[] bytes) {
        return bytes == null ? null : ENCODE.encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        return text == null ? null : DECODE.decode(text);
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The streams processor writes in transactions: an aborted record never happened and is not backed up.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "nightshift-backup");
        return properties;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "nightshift-backup-import");
        return properties;
    }
}
