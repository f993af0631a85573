package io.nightshift.streams.restore;

import io.nightshift.featurestore.ModelVersions;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.streams.erasure.ErasureStep;

import java.util.HashSet;
import java.util.Set;

/**
 * The shopper's "for you" list leaves the copy of the active version on {@code reco.active.v1}
 * (a tombstone, which compaction makes final), so a restore after a lost Redis does not bring it
 * back. The previous version's key goes too: a rollback makes it the one the copy holds.
 */
final class ActiveCopyErasure implements ErasureStep {

    private final ArchiveTopic topic;
    private final ModelVersions versions;

    ActiveCopyErasure(ArchiveTopic topic, ModelVersions versions) {
        this.topic = topic;
        this.versions = versions;
    }

    @Override
    public String store() {
        return "reco.active.v1";
    }

    @Override
    public void apply(Erasure erasure) {
        Set<String> keys = new HashSet<>();
        versions.activeVersion().ifPresent(version -> keys.add(ArchiveTopic.listKey(version, true, erasure.userId())));
        versions.previousVersion().ifPresent(version -> keys.add(ArchiveTopic.listKey(version, true, erasure.userId())));
        if (!keys.isEmpty()) {
            topic.delete(keys);
        }
    }
}
