package io.nightshift.streams.erasure;

import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.schemas.erasuretopic.ErasureReader;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.deadletter.DeadLetters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code shop.erasures.v1} for as long as the app runs and honours every erasure: records it
 * in {@link Erasures} (which the features topology and the event-log sink consult before they
 * project an event, on replays too) and applies every {@link ErasureStep} (Redis, the analysts'
 * tables).
 *
 * <p>It starts before the projections (an earlier lifecycle phase) and reads the whole topic
 * first, so an erasure accepted while this app was stopped covers the very first event they read.
 * Each start applies every erasure again: the steps are idempotent and leave what came after the
 * request. A step that fails (its store is away) is tried again every {@code retryEvery}.
 */
public final class ErasureWatch implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureWatch.class);

    private final LogConnection kafka;
    private final Erasures erasures;
    private final List<ErasureStep> steps;
    private final Duration catchUpWithin;
    private final Duration retryEvery;
    /** Erasures whose steps have not all succeeded yet; only the watch's thread changes it after the start. */
    private final List<Erasure> pending = new CopyOnWriteArrayList<>();
    private volatile ErasureReader reader;
    private volatile Thread thread;
    private volatile boolean running;

    ErasureWatch(LogConnection kafka, Erasures erasures, List<ErasureStep> steps, Duration catchUpWithin, Duration retryEvery) {
        this.kafka = kafka;
        this.erasures = erasures;
        this.steps = List.copyOf(steps);
        this.catchUpWithin = catchUpWithin;
        this.retryEvery = retryEvery;
    }

    /** Before the projections (which run in the default, last phase) start, after they stop. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        createTopics();
        reader = new ErasureReader(kafka.clientProperties());
        ErasureReader.Batch all;
        try {
            all = reader.catchUp(catchUpWithin);
        } catch (java.util.concurrent.TimeoutException e) {
            reader.close();
            throw new IllegalStateException(e.getMessage() + " at " + kafka.bootstrapServers()
                    + ": the projections may not start before they know every erasure. Is Kafka up, and does the topic exist?"
                    + " On a cluster with ACLs the admin creates it: ./nightshift kafka setup-access", e);
        }
        // Records that are not erasures were dead-lettered when they were first read live; read again at every start, they are only logged.
        all.unreadable().forEach(record -> LOG.warn("erasures: offset {} of {} is not an erasure record, skipped",
                record.offset(), record.topic()));
        all.erasures().forEach(erasures::record);
        // Applied by the watch's thread: a store that is away must not hold the app's start up.
        pending.addAll(all.erasures());
        LOG.info("erasures: {} shoppers erased, known before any event is projected", erasures.size());
        running = true;
        thread = Thread.ofPlatform().name("nightshift-erasures").daemon().start(this::watch);
    }

    private void watch() {
        applyPending();
        long lastTry = System.nanoTime();
        try (KafkaProducer<String, byte[]> deadLetters = deadLetterProducer()) {
            while (running) {
                try {
                    ErasureReader.Batch batch = reader.poll(Duration.ofSeconds(1));
                    for (Erasure erasure : batch.erasures()) {
                        erasures.record(erasure);
                        LOG.info("erasure {} read: forgetting a shopper's events up to {}", erasure.requestId(), erasure.requestedAt());
                        pending.add(erasure);
                    }
                    for (ConsumerRecord<String, byte[]> record : batch.unreadable()) {
                        deadLetter(deadLetters, record);
                    }
                    if (!batch.erasures().isEmpty() || System.nanoTime() - lastTry > retryEvery.toNanos()) {
                        applyPending();
                        lastTry = System.nanoTime();
                    }
                } catch (WakeupException e) {
                    // stop() wakes the poll
                } catch (RuntimeException e) {
                    LOG.warn("erasures: reading {} failed, trying again: {}", Topics.SHOP_ERASURES.name(), e.toString());
                    pause();
                }
            }
        } finally {
            reader.close();
        }
    }

    /** Applies every step to every pending erasure; an erasure leaves the list once all its steps succeeded. */
    private void applyPending() {
        pending.removeIf(erasure -> {
            boolean done = true;
            for (ErasureStep step : steps) {
                try {
                    step.apply(erasure);
                } catch (Exception e) {
                    done = false;
                    LOG.warn("erasure {}: {} is not done yet, trying again in {}: {}", erasure.requestId(), step.store(), retryEvery, e.toString());
                }
            }
            return done;
        });
    }

    /**
     * Applies every known erasure again, within {@code retryEvery}: after something brought old
     * content back into a store (the active version restored from its copy on Kafka).
     */
    public void applyAgain() {
        pending.addAll(erasures.all());
    }

    /** How many erasures still wait for a store that was away; 0 once every store has honoured every erasure. */
    public int pendingCount() {
        return pending.size();
    }

    private void deadLetter(KafkaProducer<String, byte[]> producer, ConsumerRecord<String, byte[]> record) {
        String topic = DeadLetters.topicOf(record.topic());
        Exception reason = new IllegalArgumentException("not an erasure record (erasure.v1.json)");
        LOG.warn("erasures: dead-lettering offset {} of {} to {}", record.offset(), record.topic(), topic);
        try {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                    DeadLetters.headers(record.headers(), reason, record.topic(), record.partition(), record.offset()))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("erasures: could not dead-letter offset {} of {}: {}", record.offset(), record.topic(), e.toString());
        }
    }

    private KafkaProducer<String, byte[]> deadLetterProducer() {
        return new KafkaProducer<>(kafka.clientProperties(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, "nightshift-erasures-dlq")),
                new StringSerializer(), new ByteArraySerializer());
    }

    private void createTopics() {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Topics.createMissing(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the topics on Kafka at " + kafka.bootstrapServers(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the topics on Kafka at " + kafka.bootstrapServers()
                    + "; is ./nightshift up running? (" + e + ")", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryEvery.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread watching = thread;
        if (watching != null) {
            reader.wakeup();
            try {
                watching.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
