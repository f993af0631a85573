package io.nightshift.onlineapi.kafka;

import io.nightshift.schemas.codec.ContractSerializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes that the caller must know landed (ingested events, catalog changes, owner commands):
 * sent with acks=all on an idempotent producer and waited for, at most {@code maxBlock +
 * deliveryTimeout}. When Kafka does not take them in time the request fails with 503 and
 * Retry-After; the records carry unique ids, so a retry that duplicates a late write changes
 * nothing downstream.
 *
 * <p>{@link #appendDurably} is for the shop's data (events, catalog): when Kafka does not take it
 * in time, it goes to the local {@link Spool} and is sent later; only a full or disabled spool
 * makes it a 503. Owner commands use {@link #append}: replaying a "run now" hours later would
 * surprise the owner, so they fail fast instead.
 */
@Component
public class EventLog {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final KafkaTemplate<String, Object> template;
    private final ContractSerializer serializer;
    private final Duration wait;
    private final Duration durableWait;
    private final Spool spool;

    EventLog(KafkaTemplate<String, Object> template, ContractSerializer serializer, KafkaProducerProperties limits,
             SpoolProperties spoolProperties, Spool spool) {
        this.template = template;
        this.serializer = serializer;
        this.wait = limits.maxBlock().plus(limits.deliveryTimeout());
        this.durableWait = spoolProperties.enabled() ? spoolProperties.ackWait() : wait;
        this.spool = spool;
    }

    /** How a durable write ended. */
    public enum Outcome {
        /** Kafka acknowledged every record. */
        WRITTEN,
        /** Kafka was away: the records are in the local spool, fsynced, and will be sent when it returns. */
        SPOOLED
    }

    /**
     * Kafka if it answers in time, else the spool.
     *
     * <p>A send that timed out is still in the producer's buffer and may yet succeed when Kafka
     * returns; its future goes to the spool with the spooled copy, and the drain skips the copy of
     * every record whose original send succeeded: one copy in Kafka, in the order accepted.
     *
     * <p>Each record is encoded once, up front: Kafka and the spool get the same bytes, and the
     * spool later sends them as they are.
     *
     * @throws KafkaUnavailableException when Kafka is away and the spool is full or disabled
     */
    public <T> Outcome appendDurably(List<Entry<T>> entries) {
        if (entries.isEmpty()) {
            return Outcome.WRITTEN;
        }
        List<Entry<byte[]>> encoded = entries.stream()
                .map(entry -> new Entry<>(entry.topic(), entry.key(), serializer.serialize(entry.topic(), entry.value())))
                .toList();
        if (spool.pending()) {
            if (spool.offer(encoded, List.of())) {
                return Outcome.SPOOLED;
            }
            throw unavailable(new IllegalStateException("the local spool is full"));
        }
        List<CompletableFuture<?>> sends = start(encoded);
        try {
            await(sends, durableWait);
            return Outcome.WRITTEN;
        } catch (KafkaUnavailableException e) {
            if (spool.offer(encoded, sends)) {
                return Outcome.SPOOLED;
            }
            throw e;
        }
    }

    /** A record to append. */
    public record Entry<T>(String topic, String key, T value) {
    }

    public <T> void append(String topic, String key, T value) {
        appendAll(List.of(new Entry<>(topic, key, value)));
    }

    /** Sends all, then waits for all: a batch costs one round trip, not one per record. */
    public <T> void appendAll(List<Entry<T>> entries) {
        await(start(entries), wait);
    }

    /**
     * Hands every record to the producer. When one send throws (no metadata within max.block),
     * the rest are not tried: each would block as long again.
     */
    private <T> List<CompletableFuture<?>> start(List<Entry<T>> entries) {
        List<CompletableFuture<?>> sends = new ArrayList<>(entries.size());
        RuntimeException refused = null;
        for (Entry<T> entry : entries) {
            if (refused != null) {
                sends.add(CompletableFuture.failedFuture(refused));
                continue;
            }
            try {
                sends.add(template.send(entry.topic(), entry.key(), entry.value()));
            } catch (RuntimeException e) {
                refused = e;
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        return sends;
    }

    private static void await(List<CompletableFuture<?>> sends, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            for (CompletableFuture<?> send : sends) {
                send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static KafkaUnavailableException unavailable(Throwable cause) {
        return new KafkaUnavailableException("Kafka did not accept the write in time (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "); nothing is lost if you retry, ids make it idempotent",
                RETRY_AFTER, cause);
    }
}
