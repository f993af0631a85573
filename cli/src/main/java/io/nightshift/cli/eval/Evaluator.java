package io.nightshift.cli.eval;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.importer.ApiUpload;
import io.nightshift.cli.importer.Importer;
import io.nightshift.cli.referee.Baselines;
import io.nightshift.cli.referee.Evaluation;
import io.nightshift.cli.referee.QualityReport;
import io.nightshift.cli.referee.ServedList;
import io.nightshift.cli.referee.Split;
import io.nightshift.cli.referee.Task;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.schemas.event.ShopEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The protocol of {@code docs/quality.md} on the served path: split the file, send only the
 * training part through the API, have the laptop train and publish a version, then ask the real
 * endpoints for every test user and score what they answered. The baselines are computed on the
 * same split in this JVM (the untuned ones while the stack trains, tuned iALS after the queries),
 * so one run gives the whole table.
 */
public final class Evaluator {

    /**
     * @param k            list length asked and scored
     * @param concurrency  requests in flight at once
     * @param limitUsers   evaluate only the first N test users (0: all); the import is the same either way
     * @param batchTimeout how long the batch run may take, until its version is active
     */
    public record Settings(int k, int concurrency, int limitUsers, Duration batchTimeout) {

        public Settings {
            if (k < 1 || k > 100) {
                throw new IllegalArgumentException("k must be between 1 and 100 (the API's maximum limit), was " + k);
            }
            if (concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("--concurrency must be between 1 and 256, was " + concurrency);
            }
            if (limitUsers < 0) {
                throw new IllegalArgumentException("--limit-users must be at least 1 (or 0 for all), was " + limitUsers);
            }
            if (batchTimeout.isNegative() || batchTimeout.isZero()) {
                throw new IllegalArgumentException("--batch-timeout must be positive, was " + batchTimeout);
            }
        }
    }

    /** How long to wait for the streams processor to have every user's recent items in Redis. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);
    private static final int SETTLE_SAMPLE = 50;

    private final ApiClient api;
    private final Progress progress;
    private final Settings settings;
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    public Evaluator(ApiClient api, Progress progress, Settings settings) {
        this.api = api;
        this.progress = progress;
        this.settings = settings;
    }

    public EvalReport evaluate(String dataset, Importer importer) {
        Importer.ImportedData data = timed("read and split", () -> progress.step("reading and splitting " + dataset, importer::readAll));
        List<ShopEvent> events = data.events();
        Split split = Split.of(events);
        if (split.testUserCount() == 0) {
            throw new IllegalStateException("no test users in " + dataset + ": nobody has " + Split.MIN_INTERACTIONS
                    + " or more interactions (after collapsing immediate repeats); nothing to evaluate");
        }
        Split evaluated = settings.limitUsers() > 0 ? split.firstTestUsers(settings.limitUsers()) : split;
        List<ShopEvent> training = new ArrayList<>(events.size() - split.testUserCount());
        for (int i = 0; i < events.size(); i++) {
            if (!split.isTestEvent(i)) {
                training.add(events.get(i));
            }
        }
        // A shop sends events as they happen; files need not be in time order (groceries is not). The streams
        // processor keeps each user's recent items in arrival order, so arrival must be time order (stable: ties keep file order).
        training.sort(Comparator.comparing(ShopEvent::occurredAt));
        progress.info(String.format("  %,d users, %,d items, %,d test users%s; sending %,d training events (test items held back)",
                split.userCount(), split.itemCount(), split.testUserCount(),
                evaluated == split ? "" : String.format(" (the first %,d evaluated)", evaluated.testUserCount()), training.size()));

        FutureTask<List<QualityReport>> baselines = new FutureTask<>(() -> {
            long start = System.nanoTime();
            List<QualityReport> reports = Baselines.untuned(evaluated);
            synchronized (timings) {
                timings.put("baselines (alongside)", Duration.ofNanos(System.nanoTime() - start));
            }
            return reports;
        });
        Thread.ofPlatform().daemon().name("eval-baselines").start(baselines);

        timed("import", () -> {
            ApiUpload upload = new ApiUpload(api, progress);
            upload.catalog(data.catalog());
            upload.events(training.size(), sink -> training.forEach(sink));
            return null;
        });
        BatchRun.Outcome outcome = timed("batch run", () -> progress.step("batch run on the laptop (train, score, publish, activate)",
                () -> new BatchRun(api, progress).runAndAwaitActivation(settings.batchTimeout())));
        progress.info("  active version: " + outcome.modelVersion());
        ServedQueries queries = new ServedQueries(api, settings.concurrency(), progress);
        timed("settle", () -> progress.step("users' recent items in Redis (streams processor caught up)", () -> {
            awaitRecentItems(queries, evaluated);
            return null;
        }));
        List<QualityReport> served = new ArrayList<>();
        for (Task task : Task.values()) {
            ServedList[] answers = timed(task.wire() + " queries", () -> queries.ask(evaluated, task, settings.k()));
            served.add(Evaluation.served("served", evaluated, task, settings.k(), user -> answers[user]));
        }
        List<QualityReport> baselineReports = new ArrayList<>(
                timed("baselines (wait)", () -> progress.step("baselines (popularity, ItemKNN)", () -> join(baselines))));
        // Tuning iALS keeps both cores busy for minutes: alongside the batch run it would take CPU from the model
        // selection under test (a time budget), so it runs once the served lists are in.
        baselineReports.addAll(timed("tuned iALS baseline", () -> progress.step(
                "tuned iALS baseline (chosen on the validation split, refitted, then on the test items)", () -> Baselines.tunedIals(evaluated))));
        Map<String, Duration> allTimings;
        synchronized (timings) {
            allTimings = new LinkedHashMap<>(timings);
        }
        return new EvalReport(dataset, Instant.now().truncatedTo(ChronoUnit.SECONDS), machine(),
                new EvalReport.DataSummary(split.userCount(), split.itemCount(), split.trainingInteractions() + split.testUserCount(),
                        split.testUserCount(), evaluated.testUserCount(), training.size(), data.summary().rejected()),
                outcome.modelVersion(), served, outcome.offlineMetrics(), baselineReports, allTimings);
    }

    /**
     * The streams processor writes each user's recent items from the events; the "for you" list
     * needs them. Its lag is not visible through the API, so: take a sample of test users whose
     * last training item has a batch list, and wait until their "for you" lists come from the
     * batch tier too. A sample that never gets there is reported, and the evaluation goes on: a
     * shop whose users' lists lag is what is being measured then.
     */
    private void awaitRecentItems(ServedQueries queries, Split split) {
        int[] users = split.testUsers();
        List<Integer> sample = new ArrayList<>();
        int step = Math.max(1, users.length / SETTLE_SAMPLE);
        for (int i = users.length - 1; i >= 0 && sample.size() < SETTLE_SAMPLE; i -= step) {
            int user = users[i];
            if ("batch".equals(queries.fetch(ServedQueries.path(split, Task.RELATED, user, settings.k())).tier())) {
                sample.add(user);
            }
        }
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (!sample.isEmpty()) {
            sample.removeIf(user -> "batch".equals(queries.fetch(ServedQueries.path(split, Task.PERSONAL, user, settings.k())).tier()));
            if (sample.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                progress.warn(sample.size() + " sampled users still get no batch \"for you\" list after " + SETTLE_TIMEOUT.toSeconds()
                        + " s although their last item has one; evaluating anyway");
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private <T> T timed(String phase, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            synchronized (timings) {
                timings.put(phase, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    private static <T> T join(FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the baselines failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", Java " + Runtime.version().feature();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
