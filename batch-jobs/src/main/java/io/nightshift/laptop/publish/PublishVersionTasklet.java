package io.nightshift.laptop.publish;

import io.nightshift.laptop.run.NightlyJobConfiguration;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.scoring.ScoredList;
import io.nightshift.laptop.scoring.ScoredLists;
import io.nightshift.laptop.scoring.UserLists;
import io.nightshift.laptop.sync.ErasedShoppers;
import io.nightshift.laptop.training.CurrentModel;
import io.nightshift.laptop.training.ModelStore;
import io.nightshift.laptop.training.RelatedItemsModel;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes a version whole: every scored product list, then every shopper's "for you" list, as
 * {@code batch} results carrying the version's expected total (both kinds counted), then {@code version_published} with the lineage, then
 * {@code activation_requested}. The cloud's loader switches to the version only when it has
 * counted all the lists, so shoppers never see half a version.
 *
 * <p>One chunk of lists per call, acknowledged by Kafka (acks=all) before the position is
 * saved in the step context: a restarted step resends at most one chunk, under the same
 * version and result ids, which the loader treats as the same lists.
 */
class PublishVersionTasklet implements Tasklet {

    static final String ACTOR = "laptop";
    private static final Logger log = LoggerFactory.getLogger(PublishVersionTasklet.class);
    private static final long ACK_TIMEOUT_SECONDS = 60;
    private static final String AFTER_PRODUCT = "after";
    private static final String AFTER_USER = "afterUser";

    private final ScoredLists lists;
    private final UserLists userLists;
    private final ModelStore models;
    private final CurrentModel current;
    private final KafkaTemplate<String, Object> kafka;
    private final RunReporter reporter;
    private final int chunkSize;
    private final String codeVersion;
    private final Supplier<Erasures> erasures;
    private final Clock clock;

    PublishVersionTasklet(ScoredLists lists, UserLists userLists, ModelStore models, CurrentModel current, KafkaTemplate<String, Object> kafka,
                          RunReporter reporter, int chunkSize, String codeVersion, Clock clock, Supplier<Erasures> erasures) {
        this.erasures = erasures;
        this.lists = lists;
        this.userLists = userLists;
        this.models = models;
        this.current = current;
        this.kafka = kafka;
        this.reporter = reporter;
        this.chunkSize = chunkSize;
        this.codeVersion = codeVersion;
        this.clock = clock;
    }

    /**
     * A shopper erased after this run last cleared its store (the sync) may still be in the data the
     * lists were computed from: their "for you" list is not published. Counted before the expected
     * total, so the version is still whole.
     */
    private void dropListsOfLaterErasures(ExecutionContext job) {
        long clearedAt = job.containsKey(ErasedShoppers.CLEARED_AT) ? job.getLong(ErasedShoppers.CLEARED_AT) : Long.MIN_VALUE;
        for (Erasure erasure : erasures.get().all()) {
            if (erasure.requestedAt().toEpochMilli() > clearedAt && userLists.forget(erasure.userId()) > 0) {
                log.info("erasure {}: the shopper's \"for you\" list of this run is not published", erasure.requestId());
            }
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        String version = step.getJobExecution().getExecutionContext().getString(NightlyJobConfiguration.MODEL_VERSION);
        if (!context.containsKey("expectedTotal")) {
            dropListsOfLaterErasures(step.getJobExecution().getExecutionContext());
            context.putLong("expectedTotal", lists.count(version) + userLists.count(version));
        }
        long expected = context.getLong("expectedTotal");
        if (expected == 0) {
            throw new IllegalStateException("version " + version + " has no scored list: nothing to publish");
        }
        long published = context.getLong("published", 0L);
        Instant now = clock.instant();
        List<CompletableFuture<?>> acks = new ArrayList<>(chunkSize);
        String position;
        // Product lists first, then shoppers' lists; each resumes after the last acknowledged one.
        List<ScoredList> page = context.containsKey(AFTER_USER) ? List.of() : lists.page(version, context.getString(AFTER_PRODUCT, ""), chunkSize);
        if (!page.isEmpty()) {
            for (ScoredList list : page) {
                RecoResult result = new RecoResult(resultId(version, list.productId()), RecoResult.SCHEMA_VERSION, ResultKind.BATCH,
                        version, list.productId(), list.items(), now, expected);
                acks.add(kafka.send(Topics.RECO_RESULTS.name(), list.productId(), result));
            }
            position = AFTER_PRODUCT;
            context.putString(AFTER_PRODUCT, page.getLast().productId());
        } else {
            List<UserLists.UserList> users = userLists.page(version, context.getString(AFTER_USER, ""), chunkSize);
            if (users.isEmpty()) {
                announce(version, published, RunReporter.runIdOf(step));
                return RepeatStatus.FINISHED;
            }
            for (UserLists.UserList list : users) {
                RecoResult result = RecoResult.forUser(resultId(version, "user/" + list.userKey()), version, list.userKey(),
                        list.items(), now, expected);
                acks.add(kafka.send(Topics.RECO_RESULTS.name(), list.userKey(), result));
            }
            position = AFTER_USER;
            context.putString(AFTER_USER, users.getLast().userKey());
        }
        awaitAcks(acks, version);
        published += acks.size();
        context.putLong("published", published);
        contribution.incrementWriteCount(acks.size());
        reporter.progress(step, published, expected);
        log.debug("published {} lists of {} up to {}", published, version, context.getString(position));
        return RepeatStatus.CONTINUABLE;
    }

    private void announce(String version, long published, String runId) throws Exception {
        RelatedItemsModel model = models.find(version).orElseThrow(() -> new IllegalStateException("model " + version + " vanished from the local store"));
        Lineage lineage = new Lineage(model.family(), model.parameters(), model.metrics(), model.dataRange(), codeVersion);
        // Naming the run lets the console attribute the version even when an older run was left open.
        VersionInfo info = new VersionInfo(version, published, lineage, runId);
        Instant now = clock.instant();
        awaitAcks(List.of(kafka.send(Topics.RECO_CONTROL.name(), version,
                ControlEvent.version(ControlType.VERSION_PUBLISHED, ACTOR, info, now))), version);
        // Only versions that passed the evaluation gate get here.
        awaitAcks(List.of(kafka.send(Topics.RECO_CONTROL.name(), version,
                ControlEvent.version(ControlType.ACTIVATION_REQUESTED, ACTOR, new VersionInfo(version, published, null), now))), version);
        models.markPublished(version);
        current.replace(model);
        lists.deleteAllBut(version);
        userLists.deleteAllBut(version);
        models.pruneOlderThan(version);
        log.info("published {} with {} lists and asked for its activation", version, published);
    }

    /** The same product in the same version always has the same result id, so a resent list is recognisably the same. */
    static UUID resultId(String version, String productId) {
        return UUID.nameUUIDFromBytes((version + "/" + productId).getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitAcks(List<CompletableFuture<?>> acks, String version) throws InterruptedException {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Kafka did not acknowledge version " + version + "'s records within "
                    + ACK_TIMEOUT_SECONDS + "s (" + cause.getMessage() + "); the run can be restarted and resumes here", cause);
        }
    }
}
