package io.nightshift.streams.restore;

import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.featurestore.ModelVersions;
import io.nightshift.featurestore.VersionList;
import io.nightshift.featurestore.VersionStatus;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code reco.active.v1} a copy of the version shoppers are served: on a timer it compares
 * the active pointer in Redis with the version the topic's marker names, and when they differ (an
 * activation, a rollback, the first start after an upgrade) copies the active version's lists out
 * of Redis, then moves the marker, then deletes the other versions' lists.
 *
 * <p>The order makes every moment restorable: the marker only ever names a version whose lists are
 * all on the topic, and the old copy goes only after the marker has moved. A copy cut short (the
 * app stopped, Kafka away, the version retired meanwhile) leaves the marker where it was and is
 * done again on a later tick. Without an active version (a new shop, or Redis just lost) it changes
 * nothing: the copy is what {@link ActiveVersionRestore} brings back.
 */
public final class ActiveVersionArchive implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveVersionArchive.class);

    private final ModelVersions versions;
    private final ArchiveTopic topic;
    private final Duration checkEvery;
    private ScheduledExecutorService timer;
    /** What the topic holds; null until read, and again after a failed write (the topic is read anew). */
    private ArchiveIndex index;

    ActiveVersionArchive(ModelVersions versions, ArchiveTopic topic, Duration checkEvery) {
        this.versions = versions;
        this.topic = topic;
        this.checkEvery = checkEvery;
    }

    /**
     * Copies the active version when the topic does not hold it yet.
     *
     * @return the version the topic holds now, empty when it holds none
     */
    public synchronized Optional<String> catchUp() {
        Optional<String> active = versions.activeVersion();
        if (index == null) {
            index = topic.readIndex();
        }
        if (active.isEmpty() || active.equals(index.version())) {
            return index.version();
        }
        try {
            copy(active.get());
        } catch (RuntimeException e) {
            index = null;
            throw e;
        }
        return index.version();
    }

    private void copy(String version) {
        Optional<VersionStatus> status = versions.versionStatus(version);
        if (status.isEmpty() || !status.get().complete()) {
            LOG.warn("active version {} is not complete in Redis ({}); not copied", version, status);
            return;
        }
        long expected = status.get().expectedTotal();
        Set<String> keys = new HashSet<>();
        List<Future<?>> acks = new ArrayList<>();
        versions.forEachList(version, list -> {
            String key = ArchiveTopic.listKey(version, list.forUser(), list.ownerId());
            if (keys.add(key)) {
                acks.add(topic.sendList(key, result(version, list, expected)));
            }
        });
        topic.await(acks);
        if (keys.size() != expected) {
            // Retired or rolled back while being read: the next tick copies whatever is active then.
            LOG.warn("active version {}: read {} of its {} lists from Redis; the copy is done again later", version, keys.size(), expected);
            return;
        }
        VersionInfo marker = new VersionInfo(version, expected, versions.lineage(version).orElse(null));
        topic.sendMarker(marker);
        Set<String> stale = new HashSet<>();
        index.keysByVersion().forEach((other, otherKeys) -> {
            if (!other.equals(version)) {
                stale.addAll(otherKeys);
            }
        });
        topic.delete(stale);
        Map<String, Set<String>> now = new HashMap<>();
        now.put(version, keys);
        index = new ArchiveIndex(Optional.of(marker), now);
        LOG.info("copied active version {} ({} lists) to {}; removed {} lists of older copies", version, expected,
                Topics.RECO_ACTIVE.name(), stale.size());
    }

    /** The same result id as the laptop gave the list ({@code version/product}, {@code version/user/shopper}). */
    private static RecoResult result(String version, VersionList list, long expected) {
        String subject = list.forUser() ? "user/" + list.ownerId() : list.ownerId();
        UUID id = UUID.nameUUIDFromBytes((version + "/" + subject).getBytes(StandardCharsets.UTF_8));
        if (list.forUser()) {
            return RecoResult.forUser(id, version, list.ownerId(), list.list().items(), list.list().computedAt(), expected);
        }
        return new RecoResult(id, RecoResult.SCHEMA_VERSION, ResultKind.BATCH, version, list.ownerId(), list.list().items(),
                list.list().computedAt(), expected);
    }

    private void tick() {
        try {
            catchUp();
        } catch (FeatureStoreUnavailableException e) {
            LOG.warn("cannot compare the active version with its copy now (Redis away): {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("cannot copy the active version to Kafka now; trying again in {}: {}", checkEvery, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("active-version-archive").daemon().factory());
        timer.scheduleWithFixedDelay(this::tick, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = timer;
            timer = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
