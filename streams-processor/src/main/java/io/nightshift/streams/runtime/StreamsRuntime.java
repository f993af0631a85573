package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the Kafka Streams application for as long as the Spring context lives.
 *
 * <p>A failed stream thread (Redis away, a broker hiccup) is replaced after a short pause: with
 * exactly-once its transaction was aborted, so the new thread processes the same records again
 * and nothing is lost or counted twice in Kafka.
 */
final class StreamsRuntime implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);

    private final KafkaConnection kafka;
    private final StreamsSettings settings;
    private final FeatureStore store;
    private volatile KafkaStreams streams;

    StreamsRuntime(KafkaConnection kafka, StreamsSettings settings, FeatureStore store) {
        this.kafka = kafka;
        this.settings = settings;
        this.store = store;
    }

    @Override
    public void start() {
        createMissingTopics();
        KafkaStreams created = new KafkaStreams(NightshiftTopology.build(store, settings), properties());
        created.setUncaughtExceptionHandler(this::replaceThreadAfterPause);
        created.setStateListener((now, before) -> LOG.info("kafka streams {} -> {}", before, now));
        created.start();
        streams = created;
    }

    @Override
    public void stop() {
        KafkaStreams running = streams;
        if (running != null) {
            running.close(Duration.ofSeconds(30));
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The current state, for the health indicator; {@link KafkaStreams.State#NOT_RUNNING} before start and after stop. */
    KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.state();
    }

    private StreamThreadExceptionResponse replaceThreadAfterPause(Throwable error) {
        LOG.warn("stream thread failed, replacing it in {}: {}", settings.retryBackoff(), error.toString());
        try {
            // Called on the failing thread: the pause keeps a Redis outage from becoming a busy loop.
            Thread.sleep(settings.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A replaced stream thread's consumer does not leave the group: its tasks come back only
        // once the broker times the old member out. 10 s instead of the default 45 s keeps a Redis
        // outage from stalling the app for most of a minute after Redis is back.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        return props;
    }

    private Path stateDir() {
        try {
            if (settings.stateDir() != null) {
                return Files.createDirectories(settings.stateDir());
            }
            return Files.createTempDirectory("nightshift-streams-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka Streams state folder " + settings.stateDir()
                    + "; pass a writable --nightshift.streams.state-dir", e);
        }
    }

    private void createMissingTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Topics.createMissing(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Nightshift topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the Nightshift topics on Kafka at " + kafka.bootstrapServers()
                    + "; is ./nightshift up running?", e);
        }
    }
}
