package io.nightshift.onlineapi.deadletters;

import io.nightshift.onlineapi.kafka.KafkaUnavailableException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The short-lived consumers the dead letters are read with: without a group (assign and seek,
 * nothing committed, no other reader disturbed), built from Spring's Kafka properties so they carry
 * the link's TLS and SASL settings, read-committed, and bounded in time, so a Kafka that is away
 * is a 503 and never a hung request.
 */
@Component
class DeadLetterConsumers {

    /** How long one reading may take in all; the console asks again later. */
    static final Duration READ_TIME = Duration.ofSeconds(3);

    private final KafkaProperties kafka;

    DeadLetterConsumers(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /** A new consumer; the caller closes it when its reading is done. */
    Consumer<byte[], byte[]> open() {
        Map<String, Object> settings = new HashMap<>(kafka.buildConsumerProperties());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The streams processor writes its dead letters in transactions: an aborted one never happened.
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "online-api-dead-letters");
        int millis = (int) READ_TIME.toMillis();
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        settings.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The time left until the deadline; none left is a {@link TimeoutException}, as when Kafka does not answer. */
    static Duration left(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new TimeoutException("out of time");
        }
        return left;
    }

    /** What the owner is told when Kafka did not answer in time or refused this API the dead-letter topics. */
    static KafkaUnavailableException unavailable(RuntimeException cause) {
        if (cause instanceof AuthorizationException) {
            return new KafkaUnavailableException("the broker does not let this API read the dead-letter topics (" + cause.getMessage()
                    + "); grant the online-api principal read on *.dlq with ./nightshift kafka setup-access", Duration.ofSeconds(60), cause);
        }
        return new KafkaUnavailableException("Kafka did not answer within " + READ_TIME.toSeconds() + " s (spring.kafka.bootstrap-servers); "
                + "the dead letters stay on their topics", Duration.ofSeconds(5), cause);
    }
}
