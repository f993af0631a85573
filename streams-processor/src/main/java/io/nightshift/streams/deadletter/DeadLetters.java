package io.nightshift.streams.deadletter;

import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.nightshift.schemas.topic.DeadLetterHeaders.ERROR;
import static io.nightshift.schemas.topic.DeadLetterHeaders.ERROR_CLASS;
import static io.nightshift.schemas.topic.DeadLetterHeaders.SOURCE_OFFSET;
import static io.nightshift.schemas.topic.DeadLetterHeaders.SOURCE_PARTITION;
import static io.nightshift.schemas.topic.DeadLetterHeaders.SOURCE_TOPIC;

/**
 * A record that could not be processed, as it goes to {@code <source>.dlq}: the original key and
 * bytes untouched (so it can be replayed once fixed) plus headers saying what went wrong and
 * where it came from ({@link io.nightshift.schemas.topic.DeadLetterHeaders}).
 */
public final class DeadLetters {

    /**
     * Counter of dead-lettered records, tagged with the source topic; at {@code /actuator/prometheus}
     * as {@code nightshift_dlq_records_total{topic="shop.events.v1"}}.
     */
    public static final String METRIC = "nightshift.dlq.records";

    /** Header values are small by convention; a stack-trace-sized message helps nobody in a console. */
    private static final int MAX_ERROR_LENGTH = 2_000;

    private DeadLetters() {
    }

    static Record<String, byte[]> of(Record<String, byte[]> failed, RuntimeException error, Optional<RecordMetadata> source) {
        Headers headers = withReason(failed.headers(), error);
        source.ifPresent(metadata -> addSource(headers, metadata.topic(), metadata.partition(), metadata.offset()));
        return failed.withHeaders(headers);
    }

    /**
     * The headers of a record a plain consumer (not a topology) dead-letters: the original ones,
     * the reason and where the record came from.
     */
    public static Headers headers(Headers original, Exception error, String topic, int partition, long offset) {
        Headers headers = withReason(original, error);
        addSource(headers, topic, partition, offset);
        return headers;
    }

    /** The dead-letter topic of a source topic: {@code <source>.dlq}. */
    public static String topicOf(String sourceTopic) {
        return Topics.sources().stream().filter(topic -> topic.name().equals(sourceTopic)).findFirst()
                .map(topic -> topic.deadLetters().name())
                .orElse(sourceTopic + ".dlq");
    }

    private static Headers withReason(Headers original, Exception error) {
        Headers headers = new RecordHeaders(original.toArray());
        headers.remove(ERROR).remove(ERROR_CLASS).remove(SOURCE_TOPIC).remove(SOURCE_PARTITION).remove(SOURCE_OFFSET);
        headers.add(ERROR, utf8(describe(error)));
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        return headers;
    }

    private static void addSource(Headers headers, String topic, int partition, long offset) {
        headers.add(SOURCE_TOPIC, utf8(topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
    }

    private static String describe(Exception error) {
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
