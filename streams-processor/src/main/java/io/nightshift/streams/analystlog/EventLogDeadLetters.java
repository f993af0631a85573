package io.nightshift.streams.analystlog;

import io.micrometer.core.instrument.Metrics;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.streams.deadletter.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a record PostgreSQL refuses as data ({@link RecordFaults}) to its topic's dead letters,
 * unchanged, with the reason and its origin in the {@link DeadLetters} headers, and waits for the
 * broker's acknowledgement: only then may the sink commit past it. Counted in
 * {@value DeadLetters#METRIC} like the topology's dead letters.
 *
 * <p>Used only by the sink's thread; the producer is created at the first dead letter.
 */
final class EventLogDeadLetters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogDeadLetters.class);

    private final LogConnection kafka;
    private KafkaProducer<String, byte[]> producer;

    EventLogDeadLetters(LogConnection kafka) {
        this.kafka = kafka;
    }

    /** @throws KafkaException when Kafka did not take it: the sink then retries the whole batch later */
    void send(ConsumerRecord<String, byte[]> record, Exception refusal) {
        // A batch's exception quotes the whole statement with its values; the chained one says what PostgreSQL refused.
        Exception reason = refusal instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : refusal;
        String deadLetterTopic = DeadLetters.topicOf(record.topic());
        LOG.warn("event log dead-letters record: topic={} partition={} offset={} key={} deadLetterTopic={} reason={}",
                record.topic(), record.partition(), record.offset(), record.key(), deadLetterTopic, reason.toString());
        ProducerRecord<String, byte[]> deadLetter = new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(),
                DeadLetters.headers(record.headers(), reason, record.topic(), record.partition(), record.offset()));
        try {
            producer().send(deadLetter).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while dead-lettering " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("could not dead-letter " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
        }
        Metrics.counter(DeadLetters.METRIC, "topic", record.topic()).increment();
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.CLIENT_ID_CONFIG, "nightshift-eventlog-dlq")),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
