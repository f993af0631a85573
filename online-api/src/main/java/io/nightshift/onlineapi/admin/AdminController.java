package io.nightshift.onlineapi.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.nightshift.featurestore.ActivationResult;
import io.nightshift.featurestore.ModelVersions;
import io.nightshift.featurestore.ServingControls;
import io.nightshift.featurestore.VersionActivation;
import io.nightshift.featurestore.VersionStatus;
import io.nightshift.onlineapi.web.BadRequestException;
import io.nightshift.onlineapi.web.ConflictException;
import io.nightshift.onlineapi.kafka.EventLog;
import io.nightshift.onlineapi.web.Ids;
import io.nightshift.onlineapi.kafka.KafkaUnavailableException;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.KillSwitch;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.ReplayProgress;
import io.nightshift.schemas.control.ReplayState;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.control.Schedule;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.topic.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The owner's operations. Version switches go straight to the feature store (one atomic pointer
 * switch, visible to shoppers at once) and are then announced on {@code reco.control.v1}; commands
 * for the laptop (run now, schedule) and for the streams processor (replay) only go to the control
 * topic, where they wait while their reader is away.
 */
@RestController
@RequestMapping("/api/v1/admin")
@SecurityRequirement(name = "admin-token")
class AdminController {

    private static final Logger log = LoggerFactory.getLogger(AdminController.class);
    private static final String ACTOR = "owner";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("'run-'yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter REPLAY_ID = DateTimeFormatter.ofPattern("'replay-'yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final String REPLAY_PATH = "/api/v1/admin/replay";

    private final ModelVersions versions;
    private final ServingControls controls;
    private final EventLog eventLog;
    private final LaptopWatch laptop;
    private final RunBoard runBoard;
    private final ReplayBoard replayBoard;
    private final ScheduleBoard scheduleBoard;

    AdminController(ModelVersions versions, ServingControls controls, EventLog eventLog, LaptopWatch laptop, RunBoard runBoard,
                    ReplayBoard replayBoard, ScheduleBoard scheduleBoard) {
        this.versions = versions;
        this.controls = controls;
        this.eventLog = eventLog;
        this.laptop = laptop;
        this.runBoard = runBoard;
        this.replayBoard = replayBoard;
        this.scheduleBoard = scheduleBoard;
    }

    @Operation(summary = "Laptop status", description = "online, late or offline from the heartbeats, with power, temperature, running job, "
            + "progress, its ETA at the pace so far (null until two progress reports), the job's step from the control topic "
            + "(with why it is deferred) and the fresh requests waiting for it. Offline: what the last heartbeat said.")
    @GetMapping("/laptop")
    LaptopWatch.LaptopStatus laptop() {
        LaptopWatch.LaptopStatus status = laptop.status();
        return status.withRunningStep(runBoard.run(status.runningJob()).orElse(null));
    }

    /** Body of a run request; everything optional. */
    record RunRequest(String runId, String detail) {
    }

    /** Answer of a run request. */
    record RunAccepted(String runId, RunStatus status) {
    }

    @Operation(summary = "Ask the laptop for a batch run now", description = "202 with the run id; the laptop picks it up when it is online.")
    @PostMapping("/runs")
    ResponseEntity<RunAccepted> requestRun(@RequestBody(required = false) RunRequest body) {
        Instant now = Instant.now();
        String runId = body == null || body.runId() == null ? RUN_ID.format(now) : Ids.require("runId", body.runId());
        String detail = body == null || body.detail() == null ? "requested by the owner" : body.detail();
        var progress = new RunProgress(runId, RunStatus.REQUESTED, null, 0, 0, detail);
        publish(ControlEvent.run(ControlType.RUN_REQUESTED, ACTOR, progress, now));
        runBoard.record(progress, now, true);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RunAccepted(runId, RunStatus.REQUESTED));
    }

    @Operation(summary = "Runs, newest first", description = "From run_requested and run_progress control events.")
    @GetMapping("/runs")
    List<RunBoard.Run> runs() {
        return runBoard.runs();
    }

    /** Body of a replay request; everything optional. A retried request with the same id is the same replay. */
    record ReplayRequest(String replayId, String detail) {
    }

    /** Answer of a replay request. */
    record ReplayAccepted(String replayId, ReplayState state) {
    }

    @Operation(summary = "Rebuild the cloud's projections from the topics",
            description = "202 with the replay id. The streams processor empties the Redis features and the analysts' event log and reads "
                    + "every topic again as a new generation; model versions and the owner's configuration stay (a Redis without an "
                    + "active version gets the one copied to reco.active.v1 back). The request waits in "
                    + "reco.control.v1 while no streams processor runs. Follow it in GET " + REPLAY_PATH + ".")
    @PostMapping("/replay")
    ResponseEntity<ReplayAccepted> requestReplay(@RequestBody(required = false) ReplayRequest body) {
        Instant now = Instant.now();
        String replayId = body == null || body.replayId() == null ? REPLAY_ID.format(now) : Ids.require("replayId", body.replayId());
        String detail = body == null || body.detail() == null ? "requested by the owner" : freeText("$.detail", body.detail());
        var request = ReplayProgress.requested(replayId, detail);
        publish(ControlEvent.replay(ControlType.REPLAY_REQUESTED, ACTOR, request, now));
        replayBoard.requested(request, now);
        return ResponseEntity.accepted().location(URI.create(REPLAY_PATH)).body(new ReplayAccepted(replayId, ReplayState.REQUESTED));
    }

    @Operation(summary = "The newest replay", description = "requested until a streams processor picks it up, then resetting, replaying "
            + "(with the records left per consumer group), caught-up or failed (with what failed); idle when none was ever asked for.")
    @GetMapping("/replay")
    ReplayBoard.Replay replay() {
        return replayBoard.latest();
    }

    /**
     * The versions view.
     *
     * @param lineages where each version named above came from, once per version (active, previous,
     *                 pinned, then history order), for those whose batch run recorded a lineage
     */
    record Versions(String active, String previous, Map<String, String> cohortPins, List<HistoryEntry> history,
                    List<VersionLineage> lineages) {
    }

    /** An activation history entry ({@link VersionActivation}) with the version's lineage, when recorded. */
    record HistoryEntry(String modelVersion, String actor, Instant at, VersionActivation.Action action,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Lineage lineage) {
    }

    /** One version's lineage. */
    record VersionLineage(String modelVersion, Lineage lineage) {
    }

    @Operation(summary = "Model versions: active, previous (the rollback target), cohort pins and the activation history",
            description = "Each history entry carries its version's lineage (family, parameters, offline metrics, data range, code version) "
                    + "when the batch run recorded one; `lineages` lists it once per version named in the answer (active, previous, pinned, history) that has one.")
    @GetMapping("/versions")
    Versions versions() {
        String active = versions.activeVersion().orElse(null);
        String previous = versions.previousVersion().orElse(null);
        Map<String, String> pins = controls.cohortPins();
        List<VersionActivation> activations = versions.activations();

        Set<String> named = new LinkedHashSet<>();
        Stream.of(active, previous).filter(Objects::nonNull).forEach(named::add);
        named.addAll(new TreeMap<>(pins).values());
        activations.forEach(activation -> named.add(activation.modelVersion()));
        // One read per distinct version: the history repeats versions (activations, rollbacks).
        Map<String, Lineage> lineages = new LinkedHashMap<>();
        named.forEach(version -> versions.lineage(version).ifPresent(lineage -> lineages.put(version, lineage)));

        List<HistoryEntry> history = activations.stream()
                .map(a -> new HistoryEntry(a.modelVersion(), a.actor(), a.at(), a.action(), lineages.get(a.modelVersion())))
                .toList();
        List<VersionLineage> known = lineages.entrySet().stream().map(e -> new VersionLineage(e.getKey(), e.getValue())).toList();
        return new Versions(active, previous, pins, history, known);
    }

    /**
     * What a switch did. {@code announced} is false when the switch happened in the store (shoppers
     * see it) but Kafka was away, so the control event for the other services was not written.
     */
    record Switch(boolean switched, String active, String previous, boolean announced) {
    }

    @Operation(summary = "Activate a complete version", description = "One atomic pointer switch; 409 with the reason when the version is unknown or incomplete.")
    @PostMapping("/versions/{version}/activate")
    Switch activate(@PathVariable String version) {
        ActivationResult result = refusedIsConflict(versions.activate(VersionIds.require("version", version), ACTOR));
        Long expected = versions.versionStatus(version).map(VersionStatus::expectedTotal).orElse(null);
        boolean announced = announce(ControlEvent.version(ControlType.VERSION_ACTIVATED, ACTOR, new VersionInfo(result.active(), expected, null), Instant.now()));
        return new Switch(result.switched(), result.active(), result.previous(), announced);
    }

    @Operation(summary = "Roll back to the previous version", description = "Swaps active and previous in one step; 409 when there is no previous version.")
    @PostMapping("/versions/rollback")
    Switch rollback() {
        ActivationResult result = refusedIsConflict(versions.rollback(ACTOR));
        boolean announced = announce(ControlEvent.version(ControlType.VERSION_ROLLED_BACK, ACTOR, new VersionInfo(result.active(), null, null), Instant.now()));
        return new Switch(result.switched(), result.active(), result.previous(), announced);
    }

    @Operation(summary = "Change the nightly schedule", description = "A six-field Spring cron (second minute hour day month weekday) and an IANA time zone.")
    @PutMapping("/schedule")
    ResponseEntity<Schedule> schedule(@RequestBody Schedule schedule) {
        if (schedule.cron() == null || !CronExpression.isValidExpression(schedule.cron())) {
            throw BadRequestException.of("$.cron", "must be a six-field cron expression (second minute hour day month weekday), e.g. '0 30 2 * * *'");
        }
        try {
            ZoneId.of(schedule.timeZone() == null ? "" : schedule.timeZone());
        } catch (DateTimeException e) {
            throw BadRequestException.of("$.timeZone", "must be an IANA time zone such as Europe/Amsterdam");
        }
        Instant now = Instant.now();
        publish(ControlEvent.scheduleChanged(ACTOR, schedule, now));
        scheduleBoard.changed(schedule, now);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(schedule);
    }

    @Operation(summary = "The nightly schedule", description = "The cron and time zone the owner set last (as reco.control.v1 says; "
            + "the laptop picks it up when online) with the next run, as an instant and in the schedule's time zone; all null when none was set.")
    @GetMapping("/schedule")
    ScheduleBoard.Current currentSchedule() {
        return scheduleBoard.current(Instant.now());
    }

    /** One tier's switch. */
    record TierSwitch(Tier tier, boolean disabled) {
    }

    @Operation(summary = "The kill switches", description = "Every serving tier, in fallback order, with whether the owner switched it off.")
    @GetMapping("/kill-switches")
    List<TierSwitch> killSwitches() {
        Set<Tier> disabled = controls.disabledTiers();
        return Stream.of(Tier.values()).map(tier -> new TierSwitch(tier, disabled.contains(tier))).toList();
    }

    /** Body of a kill switch change. */
    record SwitchRequest(Boolean disabled) {
    }

    /** The switches after a change; {@code announced} as for {@link Switch}. */
    record KillSwitches(Tier tier, boolean disabled, Set<Tier> disabledTiers, boolean announced) {
    }

    @Operation(summary = "Switch a serving tier off or on", description = "Takes effect on the next request: the fallback chain skips disabled tiers.")
    @PutMapping("/kill-switches/{tier}")
    KillSwitches killSwitch(@PathVariable String tier, @RequestBody SwitchRequest body) {
        Tier parsed;
        try {
            parsed = Tier.fromWire(tier);
        } catch (IllegalArgumentException e) {
            throw BadRequestException.of("tier", "must be one of batch, fresh, trending, popular, last-known-good, latest");
        }
        if (body == null || body.disabled() == null) {
            throw BadRequestException.of("$.disabled", "required: true or false");
        }
        controls.setTierDisabled(parsed, body.disabled());
        boolean announced = announce(ControlEvent.killSwitch(ACTOR, new KillSwitch(parsed, body.disabled()), Instant.now()));
        return new KillSwitches(parsed, body.disabled(), controls.disabledTiers(), announced);
    }

    private void publish(ControlEvent event) {
        // One partition, no key: every reader sees control events in one order.
        eventLog.append(Topics.RECO_CONTROL.name(), null, event);
    }

    /**
     * For changes already made in the store: the store is what serving reads, so the change
     * stands even when Kafka is away; failing the request would make the owner retry a switch
     * that already happened.
     */
    private boolean announce(ControlEvent event) {
        try {
            publish(event);
            return true;
        } catch (KafkaUnavailableException e) {
            log.warn("{} applied in Redis but not announced on {}: {}", event.type().wire(), Topics.RECO_CONTROL.name(), e.getMessage());
            return false;
        }
    }

    /** The contract's free text: the control event would be refused later, so the owner hears it now as a 400. */
    private static String freeText(String field, String text) {
        boolean control = text.codePoints().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029);
        if (text.length() > 2000 || control) {
            throw BadRequestException.of(field, "must be at most 2000 characters without control characters");
        }
        return text;
    }

    private static ActivationResult refusedIsConflict(ActivationResult result) {
        if (result.refused()) {
            throw new ConflictException(result.refusal().orElseThrow());
        }
        return result;
    }
}
