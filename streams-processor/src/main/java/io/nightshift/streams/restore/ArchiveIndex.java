package io.nightshift.streams.restore;

import io.nightshift.schemas.control.VersionInfo;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code reco.active.v1} holds, read from its beginning.
 *
 * @param marker        the version the marker names: its lists are all on the topic; empty before the first copy
 * @param keysByVersion the keys of the lists on the topic, by version (the marker's and any another copy left behind)
 */
record ArchiveIndex(Optional<VersionInfo> marker, Map<String, Set<String>> keysByVersion) {

    ArchiveIndex {
        keysByVersion = Map.copyOf(keysByVersion);
    }

    Optional<String> version() {
        return marker.map(VersionInfo::modelVersion);
    }
}
