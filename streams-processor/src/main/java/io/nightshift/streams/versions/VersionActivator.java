package io.nightshift.streams.versions;

import io.nightshift.featurestore.ActivationResult;
import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.featurestore.ModelVersions;
import io.nightshift.featurestore.VersionStatus;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.streams.deadletter.ContractProcessor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the control events about model versions to Redis, in the control topic's one order:
 * <ul>
 *   <li>{@code version_published}: records the version's lineage, whether or not its lists have
 *       arrived yet (the store keeps a lineage from making a version look loaded);</li>
 *   <li>{@code activation_requested}: the pointer switch, at once when the version is complete,
 *       otherwise as soon as a timer finds it complete. After a switch it announces
 *       {@code version_activated} and retires every version but the active and the previous one;</li>
 *   <li>{@code version_rolled_back}: drops the requests still waiting.</li>
 * </ul>
 *
 * <p>The newest word wins: a request for another version, or the owner's rollback, drops the
 * requests still waiting.
 */
final class VersionActivator extends ContractProcessor<ControlEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(VersionActivator.class);
    /** Who announces the switch when the request did not say who asked. */
    private static final String CLOUD = "cloud";

    private final ModelVersions versions;
    private final Duration checkEvery;
    private final Duration giveUpAfter;
    private final String announcementSink;
    private KeyValueStore<String, ControlEvent> pending;

    VersionActivator(ModelVersions versions, Duration checkEvery, Duration giveUpAfter, String announcementSink, String deadLetterSink) {
        super(Contract.CONTROL_EVENT, deadLetterSink);
        this.versions = versions;
        this.checkEvery = checkEvery;
        this.giveUpAfter = giveUpAfter;
        this.announcementSink = announcementSink;
    }

    @Override
    protected void onInit(ProcessorContext<String, byte[]> context) {
        pending = context.getStateStore(ResultLoading.PENDING_ACTIVATIONS);
        context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, now -> retryPending());
    }

    @Override
    protected void handle(String key, ControlEvent event) {
        switch (event.type()) {
            case VERSION_PUBLISHED -> recordLineage(event);
            case ACTIVATION_REQUESTED -> requestActivation(event);
            // The owner's rollback is the newest word: a waiting activation must not undo it later.
            case VERSION_ROLLED_BACK -> dropOtherRequests(null);
            // Everything else on the control topic (including our own announcements) is for other readers.
            default -> {
            }
        }
    }

    private void recordLineage(ControlEvent published) {
        String version = versionOf(published);
        Lineage lineage = published.version().lineage();
        if (lineage == null) {
            // Optional in the contract: a version published without one simply has none to show.
            LOG.info("model version {} was published without lineage", version);
            return;
        }
        versions.putLineage(version, lineage);
    }

    private void requestActivation(ControlEvent event) {
        String version = versionOf(event);
        dropOtherRequests(version);
        if (!tryActivate(event)) {
            LOG.info("activation of {} requested by {} waits for its lists: {}", version, event.actor(),
                    versions.versionStatus(version).map(s -> "loaded " + s.loaded() + " of " + s.expectedTotal()).orElse("none staged yet"));
            pending.put(version, event);
        }
    }

    /** @return whether the request is settled (activated, or already active); false while the version is incomplete */
    private boolean tryActivate(ControlEvent request) {
        String version = request.version().modelVersion();
        Optional<VersionStatus> status = versions.versionStatus(version);
        if (status.isEmpty() || !status.get().complete()) {
            return false;
        }
        ActivationResult result = versions.activate(version, actorOf(request));
        if (result.refused()) {
            LOG.warn("activation of {} refused: {}", version, result.refusal().orElseThrow());
            return false;
        }
        if (result.switched()) {
            LOG.info("model version {} is active (previous {}), requested by {}", version, result.previous(), actorOf(request));
            announce(request, status.get());
            retireAllBut(result);
        }
        return true;
    }

    private void announce(ControlEvent request, VersionStatus status) {
        long now = context().currentSystemTimeMs();
        VersionInfo info = new VersionInfo(status.modelVersion(), status.expectedTotal(), request.version().lineage());
        // The actor is who asked for the switch: that is what the owner's console and the event log want to show.
        ControlEvent activated = ControlEvent.version(ControlType.VERSION_ACTIVATED, actorOf(request), info, Instant.ofEpochMilli(now));
        context().forward(new Record<>(status.modelVersion(), codec().encode(activated), now), announcementSink);
    }

    private void retireAllBut(ActivationResult result) {
        Set<String> keep = new HashSet<>();
        keep.add(result.active());
        if (result.previous() != null) {
            keep.add(result.previous());
        }
        List<String> retired = versions.retireVersionsExcept(keep);
        if (!retired.isEmpty()) {
            LOG.info("retired model versions {}", retired);
        }
    }

    /** Drops every waiting request except the one for {@code version} ({@code null}: drops all). */
    private void dropOtherRequests(String version) {
        for (String waiting : waitingVersions()) {
            if (!waiting.equals(version)) {
                LOG.info("activation of {} superseded by {}", waiting, version == null ? "a rollback" : "a request for " + version);
                pending.delete(waiting);
            }
        }
    }

    private void retryPending() {
        long now = context().currentSystemTimeMs();
        for (String version : waitingVersions()) {
            ControlEvent request = pending.get(version);
            if (request.occurredAt().toEpochMilli() + giveUpAfter.toMillis() < now) {
                LOG.warn("gave up activating {}: still incomplete {} after {} asked", version, giveUpAfter, request.actor());
                pending.delete(version);
                continue;
            }
            try {
                if (tryActivate(request)) {
                    pending.delete(version);
                }
            } catch (FeatureStoreUnavailableException e) {
                // Redis is away: the request stays and the next tick tries again.
                LOG.warn("cannot check model version {} now: {}", version, e.getMessage());
                return;
            }
        }
    }

    private List<String> waitingVersions() {
        List<String> versions = new ArrayList<>();
        try (KeyValueIterator<String, ControlEvent> all = pending.all()) {
            all.forEachRemaining((KeyValue<String, ControlEvent> entry) -> versions.add(entry.key));
        }
        return versions;
    }

    private static String versionOf(ControlEvent event) {
        if (event.version() == null || event.version().modelVersion() == null) {
            throw new IllegalArgumentException(event.type().wire() + " " + event.eventId() + " names no model version");
        }
        return event.version().modelVersion();
    }

    private static String actorOf(ControlEvent request) {
        return request.actor() == null || request.actor().isBlank() ? CLOUD : request.actor();
    }
}
