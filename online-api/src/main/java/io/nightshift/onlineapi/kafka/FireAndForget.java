package io.nightshift.onlineapi.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Sends records that must never delay or fail a shopper's answer (served events, fresh requests).
 *
 * <p>{@code KafkaTemplate.send} itself can block for {@code max.block.ms} while no broker answers,
 * so the send runs on its own virtual thread. At most {@code MAX_IN_FLIGHT} sends wait at once;
 * beyond that the record is dropped and counted: losing some served events while Kafka is down
 * beats running out of memory. Dropped fresh requests are asked again after the pending marker expires.
 */
@Component
public class FireAndForget implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FireAndForget.class);
    private static final int MAX_IN_FLIGHT = 10_000;

    private final KafkaTemplate<String, Object> template;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Counter dropped;
    private final Counter failed;

    FireAndForget(@Qualifier("backgroundKafkaTemplate") KafkaTemplate<String, Object> template, MeterRegistry meters) {
        this.template = template;
        this.dropped = Counter.builder("nightshift.kafka.background.dropped")
                .description("background records dropped because too many sends were waiting for Kafka").register(meters);
        this.failed = Counter.builder("nightshift.kafka.background.failed")
                .description("background records Kafka did not accept in time").register(meters);
    }

    public void send(String topic, String key, Object value) {
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    template.send(topic, key, value).whenComplete((result, error) -> {
                        inFlight.release();
                        if (error != null) {
                            failed.increment();
                            log.debug("background send to {} failed: {}", topic, error.getMessage());
                        }
                    });
                } catch (RuntimeException e) {
                    inFlight.release();
                    failed.increment();
                    log.debug("background send to {} failed: {}", topic, e.getMessage());
                }
            });
        } catch (RuntimeException rejected) {
            // Only during shutdown.
            inFlight.release();
            dropped.increment();
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
