package io.nightshift.streams.restore;

import io.nightshift.featurestore.ActivationResult;
import io.nightshift.featurestore.ModelVersions;
import io.nightshift.featurestore.VersionStatus;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Brings a lost Redis its active version back from {@code reco.active.v1}: when Redis has no
 * active pointer, the version the topic's marker names is staged list by list (the same idempotent
 * staging as the laptop's lists), its lineage put back, and activated under the same version id.
 * The laptop is not needed: the copy lives in Kafka.
 *
 * <p>The owner's kill switches, which lived in the same Redis, are set again from the control topic
 * first ({@link KillSwitchRestore}), so a switched-off tier stays off when the version comes back.
 *
 * <p>Run by the owner's replay ({@code ./nightshift replay}), which a lost Redis needs anyway for its
 * features. A Redis that still has an active version is left alone, so the replay of a healthy
 * deployment never touches its versions.
 */
public final class ActiveVersionRestore {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveVersionRestore.class);
    /** Who the version history says switched the version on. */
    static final String ACTOR = "restore";

    private final ModelVersions versions;
    private final ArchiveTopic topic;
    private final KillSwitchRestore killSwitches;

    ActiveVersionRestore(ModelVersions versions, ArchiveTopic topic, KillSwitchRestore killSwitches) {
        this.versions = versions;
        this.topic = topic;
        this.killSwitches = killSwitches;
    }

    /**
     * Restores the copied version when Redis has no active version.
     *
     * @return the version restored and activated; empty when Redis had an active version (then nothing
     *         is changed, kill switches included), nothing
     *         was copied yet, or the copy could not be made whole (logged with the reason)
     */
    public Optional<String> restoreIfLost() {
        if (versions.activeVersion().isPresent()) {
            return Optional.empty();
        }
        Map<Tier, Boolean> switches = killSwitches.restore();
        if (!switches.isEmpty()) {
            LOG.info("Redis has no active model version: set the owner's kill switches again from {}: {}", Topics.RECO_CONTROL.name(), switches);
        }
        Optional<VersionInfo> marker = topic.readIndex().marker();
        if (marker.isEmpty()) {
            LOG.info("Redis has no active model version and {} holds none: the batch tier waits for the laptop's next version",
                    Topics.RECO_ACTIVE.name());
            return Optional.empty();
        }
        VersionInfo copied = marker.get();
        String version = copied.modelVersion();
        if (copied.expectedTotal() == null || copied.expectedTotal() < 1) {
            LOG.warn("cannot restore model version {}: the marker on {} does not say how many lists it has", version, Topics.RECO_ACTIVE.name());
            return Optional.empty();
        }
        long expected = copied.expectedTotal();
        if (copied.lineage() != null) {
            versions.putLineage(version, copied.lineage());
        }
        topic.readLists(version, list -> stage(list, expected));
        VersionStatus status = versions.versionStatus(version).orElse(new VersionStatus(version, expected, 0, false));
        if (!status.complete()) {
            LOG.warn("cannot restore model version {}: {} of its {} lists could be read from {}", version, status.loaded(), expected,
                    Topics.RECO_ACTIVE.name());
            return Optional.empty();
        }
        // A version the laptop published while this ran is newer than the copy: it stays.
        if (versions.activeVersion().isPresent()) {
            return Optional.empty();
        }
        ActivationResult result = versions.activate(version, ACTOR);
        if (result.refused()) {
            LOG.warn("restored model version {} was refused: {}", version, result.refusal().orElseThrow());
            return Optional.empty();
        }
        LOG.info("restored model version {} ({} lists) from {} and made it active again", version, expected, Topics.RECO_ACTIVE.name());
        return Optional.of(version);
    }

    private void stage(RecoResult list, long expected) {
        if (list.isForUser()) {
            versions.stageUserList(list.modelVersion(), list.userId(), list.items(), list.computedAt(), expected);
        } else {
            versions.stageList(list.modelVersion(), list.productId(), list.items(), list.computedAt(), expected);
        }
    }
}
