package io.nightshift.onlineapi.deadletters;

import io.nightshift.schemas.topic.DeadLetterHeaders;
import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
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
 * The tail of every dead-letter topic, read on demand with a consumer of its own
 * ({@link DeadLetterConsumers}: no group, bounded in time) that is closed after each reading.
 */
@Component
class DeadLetterTail {

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

    private final DeadLetterConsumers consumers;

    DeadLetterTail(DeadLetterConsumers consumers) {
        this.consumers = consumers;
    }

    List<TopicLetters> read() {
        Instant deadline = Instant.now().plus(DeadLetterConsumers.READ_TIME);
        try (Consumer<byte[], byte[]> consumer = consumers.open()) {
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
        } catch (TimeoutException | AuthorizationException e) {
            throw DeadLetterConsumers.unavailable(e);
        }
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
        return DeadLetterConsumers.left(deadline);
    }
}
