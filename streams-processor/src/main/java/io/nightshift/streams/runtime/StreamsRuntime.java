package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.features.DecaySettings;
import io.nightshift.streams.features.EventFeatures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the two Kafka Streams instances ({@link NightshiftTopology}) for as long as the Spring
 * context lives, and lets a replay swap the features instance for a new generation.
 *
 * <p>A failed stream thread (Redis away, a broker hiccup) is replaced after a short pause: with
 * exactly-once its transaction was aborted, so the new thread processes the same records again
 * and nothing is lost or counted twice in Kafka.
 */
public final class StreamsRuntime implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);

    private final LogConnection kafka;
    private final StreamsSettings settings;
    private final DecaySettings decay;
    private final FeatureStore store;
    private final Erasures erasures;
    private volatile KafkaStreams loader;
    private volatile KafkaStreams features;
    private volatile int generation = -1;

    StreamsRuntime(LogConnection kafka, StreamsSettings settings, DecaySettings decay, FeatureStore store) {
        this(kafka, settings, decay, store, new Erasures());
    }

    StreamsRuntime(LogConnection kafka, StreamsSettings settings, DecaySettings decay, FeatureStore store, Erasures erasures) {
        this.kafka = kafka;
        this.settings = settings;
        this.decay = decay;
        this.store = store;
        this.erasures = erasures;
    }

    /** The base name of the features' application ids; generation N is {@link Generations#name}. */
    public String featuresBase() {
        return settings.applicationId() + "-features";
    }

    public String featuresApplicationId(int ofGeneration) {
        return Generations.name(featuresBase(), ofGeneration);
    }

    @Override
    public synchronized void start() {
        createMissingTopics();
        loader = started(NightshiftTopology.loader(store, settings), settings.applicationId(), "loader");
        int discovered = withAdmin(admin -> Generations.discover(admin, featuresBase()));
        startFeatures(discovered);
    }

    /** Starts the features under a generation's application id, from the beginning of the topics when it is new. */
    public synchronized void startFeatures(int newGeneration) {
        if (features != null) {
            throw new IllegalStateException("the features of generation " + generation + " still run; stop them first");
        }
        String applicationId = featuresApplicationId(newGeneration);
        withAdmin(admin -> createByProductTopic(admin, applicationId));
        features = started(NightshiftTopology.features(store, settings, decay, applicationId, erasures), applicationId, "features");
        generation = newGeneration;
        LOG.info("features running as {} (generation {})", applicationId, newGeneration);
    }

    /** Stops the features instance and wipes its local state (a new generation restores nothing). */
    public synchronized void stopFeatures() {
        KafkaStreams running = features;
        if (running != null) {
            running.close(Duration.ofSeconds(30));
            running.cleanUp();
            features = null;
        }
    }

    /** Whether the features instance runs (not stopped, not rebalancing); a replay is caught up only then. */
    public boolean featuresRunning() {
        return stateOf(features) == KafkaStreams.State.RUNNING && stateOf(loader) == KafkaStreams.State.RUNNING;
    }

    public int generation() {
        return generation;
    }

    @Override
    public synchronized void stop() {
        stopFeatures();
        KafkaStreams running = loader;
        if (running != null) {
            running.close(Duration.ofSeconds(30));
            loader = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loader != null;
    }

    /** The worse of the two instances' states, for the health indicator and the replay; {@link KafkaStreams.State#NOT_RUNNING} when stopped. */
    public KafkaStreams.State state() {
        KafkaStreams.State loaderState = stateOf(loader);
        if (features == null) {
            // Between the generations of a replay (seconds): the loader alone says whether the app works.
            return loaderState;
        }
        KafkaStreams.State featuresState = stateOf(features);
        return rank(featuresState) < rank(loaderState) ? featuresState : loaderState;
    }

    private static KafkaStreams.State stateOf(KafkaStreams streams) {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    private static int rank(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> 3;
            case REBALANCING -> 2;
            case CREATED -> 1;
            default -> 0;
        };
    }

    private KafkaStreams started(Topology topology, String applicationId, String role) {
        KafkaStreams created = new KafkaStreams(topology, properties(applicationId));
        created.setUncaughtExceptionHandler(this::replaceThreadAfterPause);
        created.setStateListener((now, before) -> LOG.info("kafka streams {} ({}) {} -> {}", role, applicationId, before, now));
        created.start();
        return created;
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

    private Properties properties(String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.putAll(kafka.clientProperties());
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
        withAdmin(admin -> {
            Topics.createMissing(admin);
            return null;
        });
    }

    /** The re-keying topic is the app's own: partitioned like the events it re-keys, kept a week (a replay reads it within minutes). */
    private static Void createByProductTopic(Admin admin, String applicationId) throws Exception {
        String name = EventFeatures.byProductTopic(applicationId);
        if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
            return null;
        }
        NewTopic topic = new NewTopic(name, java.util.Optional.of(Topics.SHOP_EVENTS.partitions()), java.util.Optional.empty())
                // Records carry the events' own times (imports are months old); retention must count
                // from when they were written here, or a replay's backlog could expire before it is read.
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()),
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return null;
    }

    interface AdminCall<T> {
        T apply(Admin admin) throws Exception;
    }

    <T> T withAdmin(AdminCall<T> call) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return call.apply(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Kafka at " + kafka.bootstrapServers(), e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the topics on Kafka at " + kafka.bootstrapServers()
                    + "; is ./nightshift up running? (" + e + ")", e);
        }
    }
}
