package io.nightshift.streams.replay;

import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.ReplayProgress;
import io.nightshift.schemas.control.ReplayState;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.runtime.StreamsRuntime;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the owner's replays: reads the requests on {@code reco.control.v1}, runs {@link ReplayService}
 * and reports each step there as {@code replay_progress} (resetting, replaying with the lag,
 * caught-up or failed), which the online API shows the owner.
 *
 * <p>Every instance joins one consumer group on the one-partition topic, so exactly one instance
 * owns it and acts. It never commits an offset: at each assignment it reads the topic from its
 * beginning into a {@link ReplayLedger}, and acts only once it has read as far as the topic went
 * then, so a request already reported on is never run again (after a restart, a rebalance or a
 * lost group). A request that arrives while no instance runs waits in the topic. The reset is
 * reported before it begins: a crash mid-reset leaves the request handled, and the next owner of
 * the partition reports it failed rather than resetting again unasked.
 */
final class ReplayRequests implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRequests.class);
    private static final String ACTOR = "cloud";
    private static final Duration POLL = Duration.ofSeconds(1);
    /**
     * How often a running replay's lag is measured (two Admin calls per consumer group on one kept
     * client); the caught-up report is at most this late, and the owner's replay time with it.
     */
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);
    /** The lag goes to the kept-for-ever topic at most this often, and only when it changed. */
    private static final Duration LAG_REPORT_EVERY = Duration.ofSeconds(5);

    private final LogConnection kafka;
    private final String groupId;
    private final StreamsRuntime streams;
    private final ReplayService replay;
    private final ContractCodec<ControlEvent> codec = ContractCodec.of(Contract.CONTROL_EVENT);
    private final TopicPartition partition = new TopicPartition(Topics.RECO_CONTROL.name(), 0);

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    // Touched by the polling thread only.
    private final ReplayLedger ledger = new ReplayLedger();
    private long readTo = -1;
    private boolean live;
    private Watch watching;
    private ReplayProgress unsent;

    /** A replay whose catching up this instance follows. */
    private record Watch(String replayId, Map<String, Long> reportedLag, Instant reportedAt, Instant checkedAt) {
    }

    ReplayRequests(LogConnection kafka, String groupId, StreamsRuntime streams, ReplayService replay) {
        this.kafka = kafka;
        this.groupId = groupId;
        this.streams = streams;
        this.replay = replay;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("replay-requests").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            // A reset under way finishes first: it restarts the projections it stopped.
            thread.join(Duration.ofSeconds(90));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> writer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer())) {
            consumer = reader;
            reader.subscribe(List.of(partition.topic()), new ReadFromTheStart(reader));
            while (running) {
                try {
                    step(reader, writer);
                } catch (WakeupException e) {
                    // stop() asked; the loop ends.
                } catch (RuntimeException e) {
                    LOG.warn("replay requests: {}; trying again in {}", e.toString(), POLL);
                    pause();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("replay requests stopped: {}", e.toString(), e);
        } finally {
            replay.closeLagAdmin();
        }
    }

    private void step(KafkaConsumer<String, byte[]> reader, KafkaProducer<String, byte[]> writer) {
        // While a replay catches up the loop comes round for its lag checks, not only when a control record arrives.
        for (ConsumerRecord<String, byte[]> record : reader.poll(watching == null ? POLL : CHECK_EVERY)) {
            decode(record).ifPresent(ledger::read);
        }
        if (!live && readTo >= 0 && reader.assignment().contains(partition) && reader.position(partition) >= readTo) {
            live = true;
            resume(writer);
        }
        if (!live) {
            return;
        }
        if (unsent != null) {
            send(writer, unsent);
            unsent = null;
        }
        Optional<String> waiting = ledger.waiting();
        // Until the runtime has started the features there is nothing to reset (it starts first; this only guards a race).
        if (waiting.isPresent() && streams.isRunning()) {
            runReplay(writer, waiting.get());
        }
        follow(writer);
    }

    /** What was under way when the partition came to this instance. */
    private void resume(KafkaProducer<String, byte[]> writer) {
        ledger.unfinished().ifPresent(last -> {
            if (last.state() == ReplayState.REPLAYING) {
                Instant now = Instant.now();
                watching = new Watch(last.replayId(), last.lag(), now, now);
                LOG.info("replay {}: following generation {} until it has caught up", last.replayId(), last.generation());
            } else {
                report(writer, new ReplayProgress(last.replayId(), ReplayState.FAILED, streams.generation(), Map.of(),
                        "the streams processor stopped during the reset; ask for the replay again"));
            }
        });
    }

    private void runReplay(KafkaProducer<String, byte[]> writer, String replayId) {
        ReplayProgress resetting = new ReplayProgress(replayId, ReplayState.RESETTING, streams.generation(), Map.of(), null);
        // Said before it is done: if Kafka does not take it, the request stays waiting and nothing is reset.
        send(writer, resetting);
        ledger.reported(resetting);
        watching = null;
        ReplayProgress result;
        try {
            result = replay.replay(replayId);
        } catch (RuntimeException e) {
            LOG.error("replay {} failed: {}", replayId, e.toString(), e);
            result = new ReplayProgress(replayId, ReplayState.FAILED, streams.generation(), Map.of(),
                    "the replay stopped: " + e + "; fix the cause and ask for it again");
        }
        report(writer, result);
        if (result.state() == ReplayState.REPLAYING) {
            Instant now = Instant.now();
            watching = new Watch(replayId, Map.of(), now, now);
        }
    }

    private void follow(KafkaProducer<String, byte[]> writer) {
        Instant now = Instant.now();
        if (watching == null || now.isBefore(watching.checkedAt().plus(CHECK_EVERY))) {
            return;
        }
        ReplayProgress progress = replay.progress(watching.replayId());
        if (progress.state() == ReplayState.CAUGHT_UP) {
            LOG.info("replay {}: generation {} caught up", progress.replayId(), progress.generation());
            watching = null;
            replay.closeLagAdmin();
            report(writer, progress);
        } else if (!progress.lag().equals(watching.reportedLag()) && !now.isBefore(watching.reportedAt().plus(LAG_REPORT_EVERY))) {
            watching = new Watch(watching.replayId(), progress.lag(), now, now);
            report(writer, progress);
        } else {
            watching = new Watch(watching.replayId(), watching.reportedLag(), watching.reportedAt(), now);
        }
    }

    /** A report that must not be lost: when Kafka does not take it now, it is sent again on the next round. */
    private void report(KafkaProducer<String, byte[]> writer, ReplayProgress progress) {
        ledger.reported(progress);
        try {
            send(writer, progress);
        } catch (RuntimeException e) {
            LOG.warn("replay {}: report {} not sent yet ({})", progress.replayId(), progress.state(), e.toString());
            unsent = progress;
        }
    }

    private void send(KafkaProducer<String, byte[]> writer, ReplayProgress progress) {
        ControlEvent event = ControlEvent.replay(ControlType.REPLAY_PROGRESS, ACTOR, progress, Instant.now());
        try {
            // One partition, no key, as every control event.
            writer.send(new ProducerRecord<>(partition.topic(), null, codec.encode(event))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reporting replay " + progress.replayId(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the report of replay " + progress.replayId() + ": " + e, e);
        }
    }

    private Optional<ControlEvent> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(codec.decode(record.value()));
        } catch (RuntimeException e) {
            // A record another version wrote, or a broken one: not a replay request this version could run.
            LOG.debug("replay requests: skipping control record at offset {}: {}", record.offset(), e.toString());
            return Optional.empty();
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Map<String, Object> consumerProperties() {
        return kafka.clientProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // The loader's announcements are written in transactions: aborted ones never happened.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, groupId));
    }

    private Map<String, Object> producerProperties() {
        return kafka.clientProperties(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, groupId + "-reports"));
    }

    /** Each assignment reads the whole topic again; a revoked partition stops everything this instance followed. */
    private final class ReadFromTheStart implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> reader;

        ReadFromTheStart(KafkaConsumer<String, byte[]> reader) {
            this.reader = reader;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.contains(partition)) {
                return;
            }
            forget();
            reader.seekToBeginning(List.of(partition));
            readTo = reader.endOffsets(List.of(partition)).get(partition);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.contains(partition)) {
                forget();
            }
        }

        private void forget() {
            ledger.clear();
            readTo = -1;
            live = false;
            watching = null;
            unsent = null;
        }
    }
}
