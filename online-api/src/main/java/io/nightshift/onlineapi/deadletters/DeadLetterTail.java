package io.nightshift.onlineapi.deadletters;

import io.nightshift.onlineapi.kafka.KafkaUnavailableException;
import io.nightshift.schemas.topic.DeadLetterHeaders;
import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tail of every dead-letter topic, read on demand with a consumer of its own: assigned and
 * seeked, without a group (nothing is committed, no other reader is disturbed), built from
 * Spring's Kafka properties so it carries the link's TLS and SASL settings, and closed after each
 * reading. Every broker call is bounded, so a Kafka that is away is a 503, never a hung request.
 */
@Component
class DeadLetterTail {

    /** How long one reading may take in all; the console asks again later. */
    static final Duration READ_TIME = Duration.ofSeconds(3);
    /** The newest records shown per topic. */
    static final int SHOWN = 5;
    /** Up to this many offsets per partition are read whole, so the count is exact; beyond, the offsets' span is an upper bound. */
    static final long COUNTED = 1_000;
    /** Offsets read at the end of a larger partition: transaction markers take offsets too, so more than {@link #SHOWN}. */
    static final long TAIL = 50;
    private static final int KEY_CHARS = 200;
    private static final int PREVIEW_CHARS = 300;
    private static final int REASON_CHARS = 500;

    /**
     * One dead-letter topic.
     *
     * @param records  how many records it holds: exact when {@code exact}, else its offsets' span (transaction
     *                 markers of exactly-once writers take offsets too), an upper bound
     * @param newest   the newest records, newest first, at most {@value #SHOWN}
     */
    record TopicLetters(String topic, String source, long records, boolean exact, List<Letter> newest) {
    }

    /**
     * One dead letter, as text a console can show (control characters replaced, lengths bounded).
     *
     * @param reason     the {@link DeadLetterHeaders#ERROR} header
     * @param errorClass the {@link DeadLetterHeaders#ERROR_CLASS} header
     * @param preview    the start of the value; the whole record stays on the topic for a replay
     */
    record Letter(Instant time, int partition, long offset, String key, String sourceTopic, Integer sourcePartition,
                  Long sourceOffset, String reason, String errorClass, String preview) {
    }

    private final KafkaProperties kafka;

    DeadLetterTail(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    List<TopicLetters> read() {
        Instant deadline = Instant.now().plus(READ_TIME);
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(left(deadline));
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicSpec source : Topics.sources()) {
                existing.getOrDefault(source.deadLetters().name(), List.of())
                        .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            // Assigned before the offsets are asked for, so the consumer keeps what it learns about them.
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, left(deadline));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, left(deadline));
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> read = readTails(consumer, starts, ends, deadline);
            return Topics.sources().stream().map(source -> letters(source, starts, ends, read)).toList();
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not answer within " + READ_TIME.toSeconds() + " s (spring.kafka.bootstrap-servers); "
                    + "the dead letters stay on their topics", Duration.ofSeconds(5), e);
        } catch (AuthorizationException e) {
            throw new KafkaUnavailableException("the broker does not let this API read the dead-letter topics (" + e.getMessage()
                    + "); grant the online-api principal read on *.dlq with ./nightshift kafka setup-access", Duration.ofSeconds(60), e);
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(kafka.buildConsumerProperties());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The streams processor writes its dead letters in transactions: an aborted one never happened.
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "online-api-dead-letters");
        int millis = (int) READ_TIME.toMillis();
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        settings.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        return settings;
    }

    private static Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> readTails(
            Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends, Instant deadline) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();
        List<TopicPartition> holding = ends.keySet().stream().filter(tp -> ends.get(tp) > starts.get(tp)).toList();
        holding.forEach(tp -> {
            long from = ends.get(tp) - starts.get(tp) <= COUNTED ? starts.get(tp) : Math.max(starts.get(tp), ends.get(tp) - TAIL);
            consumer.seek(tp, from);
            read.put(tp, new ArrayList<>());
        });
        List<TopicPartition> open = new ArrayList<>(holding);
        while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(Math.min(200, Math.max(1, left(deadline).toMillis()))))
                    .forEach(record -> read.get(new TopicPartition(record.topic(), record.partition())).add(record));
            open.removeIf(tp -> consumer.position(tp, left(deadline)) >= ends.get(tp));
        }
        // A partition not read to its end in time counts by its offsets: the answer says so (exact = false).
        open.forEach(tp -> read.put(tp, null));
        return read;
    }

    private static TopicLetters letters(TopicSpec source, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends,
                                        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> read) {
        String topic = source.deadLetters().name();
        long records = 0;
        boolean exact = true;
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        for (TopicPartition tp : ends.keySet()) {
            if (!tp.topic().equals(topic)) {
                continue;
            }
            long span = ends.get(tp) - starts.get(tp);
            List<ConsumerRecord<byte[], byte[]>> partitionRecords = read.get(tp);
            if (span == 0) {
                continue;
            }
            if (partitionRecords != null && span <= COUNTED) {
                records += partitionRecords.size();
            } else {
                records += span;
                exact = false;
            }
            if (partitionRecords != null) {
                seen.addAll(partitionRecords);
            }
        }
        List<Letter> newest = seen.stream()
                .sorted(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp()).thenComparingLong(ConsumerRecord::offset).reversed())
                .limit(SHOWN)
                .map(DeadLetterTail::letter)
                .toList();
        return new TopicLetters(topic, source.name(), records, exact, newest);
    }

    private static Letter letter(ConsumerRecord<byte[], byte[]> record) {
        return new Letter(Instant.ofEpochMilli(record.timestamp()), record.partition(), record.offset(),
                DeadLetterText.of(record.key(), KEY_CHARS),
                DeadLetterText.of(header(record, DeadLetterHeaders.SOURCE_TOPIC), KEY_CHARS),
                number(header(record, DeadLetterHeaders.SOURCE_PARTITION), Integer::valueOf),
                number(header(record, DeadLetterHeaders.SOURCE_OFFSET), Long::valueOf),
                DeadLetterText.of(header(record, DeadLetterHeaders.ERROR), REASON_CHARS),
                DeadLetterText.of(header(record, DeadLetterHeaders.ERROR_CLASS), KEY_CHARS),
                DeadLetterText.of(record.value(), PREVIEW_CHARS));
    }

    private static byte[] header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    /** A header written by something other than our dead-letter writers may hold anything: not a number is no number. */
    private static <N> N number(byte[] value, Function<String, N> parse) {
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(new String(value, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration left(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new TimeoutException("out of time");
        }
        return left;
    }
}
