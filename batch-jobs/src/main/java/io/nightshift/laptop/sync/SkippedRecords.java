package io.nightshift.laptop.sync;

import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the sync cannot decode or store: logged with structured fields, counted in
 * {@value #METRIC}{@code {topic, reason}}, and passed over, so the sync never stops on it nor
 * reads it again. The laptop does not dead-letter it itself: the cloud's readers of the same
 * topics (the streams processor, the event-log sink) put such records in {@code <topic>.dlq}
 * already, where the owner finds them.
 */
final class SkippedRecords {

    static final String METRIC = "nightshift.sync.skipped.records";
    private static final Logger LOG = LoggerFactory.getLogger(SkippedRecords.class);

    private SkippedRecords() {
    }

    static void skip(ConsumerRecord<String, byte[]> record, RuntimeException reason) {
        LOG.warn("sync skips record: topic={} partition={} offset={} key={} reason={}",
                record.topic(), record.partition(), record.offset(), record.key(), reason.toString());
        Metrics.counter(METRIC, "topic", record.topic(), "reason", reason.getClass().getSimpleName()).increment();
    }
}
