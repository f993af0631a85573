package io.nightshift.streams.replay;

import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.control.ReplayProgress;
import io.nightshift.schemas.control.ReplayState;
import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.analystlog.EventLogSink;
import io.nightshift.streams.features.EventFeatures;
import io.nightshift.streams.restore.ActiveVersionRestore;
import io.nightshift.streams.runtime.Generations;
import io.nightshift.streams.runtime.RedisSettings;
import io.nightshift.streams.runtime.StreamsRuntime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the Redis features and the PostgreSQL event log from the beginning of the topics.
 *
 * <ol>
 *   <li>stop the features' Kafka Streams instance and the event-log sink (the loader of computed
 *       lists keeps running: its state cannot be rebuilt, see {@link FeatureKeys});</li>
 *   <li>remove the feature keys from Redis and empty the event-log tables;</li>
 *   <li>start both again under the next generation ({@link Generations}): new consumer groups
 *       and a new application id with empty state read every topic from its beginning;</li>
 *   <li>delete the old generation's groups and internal topics;</li>
 *   <li>when Redis has no active model version (it was lost), restore the one copied to
 *       {@code reco.active.v1} and the owner's kill switches ({@link ActiveVersionRestore}).</li>
 * </ol>
 *
 * While it catches up, shoppers get thinner features (popular and trending fill up again within
 * seconds to minutes) and analysts a log that grows back; model versions keep serving. The same
 * events give the same result, however many times it runs (tested).
 */
public final class ReplayService {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);

    private final LogConnection kafka;
    private final RedisSettings redis;
    private final StreamsRuntime streams;
    private final Optional<EventLogSink> sink;
    private final String sinkBase;
    private final ActiveVersionRestore restore;
    private final Runnable honourErasuresAgain;
    private Admin lagAdmin;

    public ReplayService(LogConnection kafka, RedisSettings redis, StreamsRuntime streams, Optional<EventLogSink> sink, String sinkBase,
                         ActiveVersionRestore restore, Runnable honourErasuresAgain) {
        this.restore = restore;
        this.honourErasuresAgain = honourErasuresAgain;
        this.kafka = kafka;
        this.redis = redis;
        this.streams = streams;
        this.sink = sink;
        this.sinkBase = sinkBase;
    }

    /**
     * Resets and restarts the projections; returns once they read the topics again (not once caught up).
     *
     * @return {@code replaying} at the new generation, or {@code failed} with what failed, at the
     *         generation the projections resumed
     */
    public synchronized ReplayProgress replay(String replayId) {
        int previous = streams.generation();
        int next = previous + 1;
        // Each projection moves to the next generation only once its old content is gone: if Redis
        // or PostgreSQL is away, that projection resumes its old generation instead, unchanged.
        boolean featuresReset = false;
        boolean logReset = sink.isEmpty();
        String error = null;
        try {
            streams.stopFeatures();
            sink.ifPresent(EventLogSink::stop);
            long removed = FeatureKeys.remove(redis.featureStore());
            featuresReset = true;
            if (sink.isPresent()) {
                sink.get().truncateTables();
                logReset = true;
            }
            LOG.info("replay {}: removed {} feature keys and emptied the event log; reading every topic again as generation {}",
                    replayId, removed, next);
        } catch (Exception e) {
            LOG.error("replay {} failed, resuming the projections that were not reset: {}", replayId, e.toString(), e);
            error = e.toString();
        }
        int featuresGeneration = featuresReset ? next : previous;
        streams.startFeatures(featuresGeneration);
        if (sink.isPresent()) {
            if (logReset) {
                sink.get().useGroup(Generations.name(sinkBase, next));
            }
            sink.get().start();
        }
        if (featuresReset) {
            restoreActiveVersion(replayId);
        }
        if (featuresReset && logReset) {
            deleteGeneration(previous);
            return new ReplayProgress(replayId, ReplayState.REPLAYING, next, Map.of(), null);
        }
        return new ReplayProgress(replayId, ReplayState.FAILED, previous, Map.of(),
                "the replay could not reset the projections: " + error + "; fix the cause and ask for it again");
    }

    /** A lost Redis gets its active version back with its features; a failure here leaves the features' replay running. */
    private void restoreActiveVersion(String replayId) {
        try {
            restore.restoreIfLost().ifPresent(version -> {
                LOG.info("replay {}: model version {} is active again", replayId, version);
                // The copy on reco.active.v1 may hold "for you" lists of shoppers erased since it was made.
                honourErasuresAgain.run();
            });
        } catch (RuntimeException e) {
            LOG.error("replay {}: the active model version could not be restored from {}: {}; ask for the replay again once Kafka and Redis answer",
                    replayId, Topics.RECO_ACTIVE.name(), e.toString(), e);
        }
    }

    /**
     * How far the current generation is, with the lag measured now: {@code caught-up} once every
     * projection runs and has read every topic to its end, {@code replaying} before.
     */
    public ReplayProgress progress(String replayId) {
        Map<String, Long> lag = lag();
        boolean caughtUp = streams.featuresRunning()
                && !lag.isEmpty() && lag.values().stream().allMatch(l -> l == 0);
        return new ReplayProgress(replayId, caughtUp ? ReplayState.CAUGHT_UP : ReplayState.REPLAYING, streams.generation(), lag, null);
    }

    private Map<String, Long> lag() {
        int generation = streams.generation();
        Map<String, Long> lag = new LinkedHashMap<>();
        try {
            Admin admin = lagAdmin();
            String featuresId = streams.featuresApplicationId(generation);
            List<TopicPartition> featureInputs = partitions(List.of(Topics.SHOP_EVENTS, Topics.SHOP_CATALOG));
            for (int p = 0; p < Topics.SHOP_EVENTS.partitions(); p++) {
                featureInputs.add(new TopicPartition(EventFeatures.byProductTopic(featuresId), p));
            }
            lag.put(featuresId, groupLag(admin, featuresId, featureInputs));
            if (sink.isPresent()) {
                List<TopicPartition> sinkInputs = partitions(List.of(Topics.SHOP_EVENTS, Topics.SHOP_CATALOG,
                        Topics.RECO_CONTROL, Topics.LAPTOP_HEARTBEAT));
                lag.put(sink.get().groupId(), groupLag(admin, sink.get().groupId(), sinkInputs));
            }
        } catch (Exception e) {
            LOG.debug("replay: cannot measure the lag yet: {}", e.toString());
            closeLagAdmin();
            return Map.of();
        }
        return lag;
    }

    /**
     * One admin client for the lag checks of a replay that is catching up (several a second), not
     * one per check: creating one costs a connection and a metadata fetch on the cores the replay runs on.
     */
    private synchronized Admin lagAdmin() {
        if (lagAdmin == null) {
            lagAdmin = admin();
        }
        return lagAdmin;
    }

    /** Closes the lag checks' client: after a failed check (a fresh one next time), once caught up, and at shutdown. */
    public synchronized void closeLagAdmin() {
        if (lagAdmin != null) {
            lagAdmin.close(Duration.ofSeconds(5));
            lagAdmin = null;
        }
    }

    private static long groupLag(Admin admin, String group, List<TopicPartition> inputs) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        inputs.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long total = 0;
        for (TopicPartition partition : inputs) {
            long end = ends.get(partition).offset();
            OffsetAndMetadata at = committed.get(partition);
            total += Math.max(0, end - (at == null ? 0 : at.offset()));
        }
        return total;
    }

    private static List<TopicPartition> partitions(List<TopicSpec> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicSpec topic : topics) {
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
        }
        return partitions;
    }

    /** Best effort: a group or topic left behind wastes a little disk, and the next replay tries again. */
    private void deleteGeneration(int generation) {
        String featuresId = streams.featuresApplicationId(generation);
        List<String> groups = new ArrayList<>(List.of(featuresId));
        sink.ifPresent(s -> groups.add(Generations.name(sinkBase, generation)));
        try (Admin admin = admin()) {
            for (String group : groups) {
                try {
                    admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.info("replay: old group {} not deleted ({})", group, e.getMessage());
                }
            }
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            // Generation 0's prefix is also the start of every later generation's: never match those.
            String later = streams.featuresBase() + "-g";
            List<String> internal = topics.stream()
                    .filter(topic -> topic.startsWith(featuresId + "-"))
                    .filter(topic -> generation > 0 || !topic.startsWith(later))
                    .toList();
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.info("replay: old generation {} not fully removed ({})", generation, e.toString());
        }
    }

    private Admin admin() {
        return Admin.create(kafka.clientProperties());
    }
}
