package io.nightshift.cli.command;

import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.cli.bench.BenchReport;
import io.nightshift.cli.bench.Benchmarks;
import io.nightshift.cli.bench.CapacityReport;
import io.nightshift.cli.bench.CloudBoxPinning;
import io.nightshift.cli.bench.CloudBoxRuns;
import io.nightshift.cli.bench.QuickReport;
import io.nightshift.cli.bench.RedisMemory;
import io.nightshift.cli.bench.ReplayRate;
import io.nightshift.cli.bench.ScoringRuns;
import io.nightshift.cli.bench.LatencySample;
import io.nightshift.cli.bench.ServingRun;
import io.nightshift.cli.bench.StreamsBacklog;
import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.demo.DemoSeeder;
import io.nightshift.cli.demo.DemoShop;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import redis.clients.jedis.HostAndPort;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Starts its own demo stack (never the one you are using: the load would disturb it, and the
 * API's per-client rate limit is switched off here only), measures, writes docs/benchmarks.md.
 */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true, description = {"Measure serving, intake and fresh-request latency.",
        "Serving measured client-side and at the server, against same-run baselines; writes docs/benchmarks.md."})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT", defaultValue = "all",
            description = "all (default, within 15 minutes on 2 cores), quick (a small serving run, Redis memory and scoring up to 100k products,"
                    + " written to docs/benchmarks-quick.md) or cloud (product pages with the whole stack on all cores, then with the API and"
                    + " Redis alone on one core as on a cloud server; printed, no page written).")
    String what;

    @Option(names = "--requests", defaultValue = "20000", description = "Serving requests to measure (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent callers (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--unloaded-requests", defaultValue = "3000",
            description = "Requests per unloaded run (1 caller; product pages, then \"for you\", then \"for you\" composed from the"
                    + " recent items of shoppers without a list of their own), each stopped after "
                    + UNLOADED_LIMIT_SECONDS + " s (default ${DEFAULT-VALUE}).")
    int unloadedRequests;

    @Option(names = "--events", defaultValue = "50000", description = "Events for the intake measurement (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--fresh", defaultValue = "30", description = "Fresh requests to time, one at a time (default ${DEFAULT-VALUE}).")
    int fresh;

    @Option(names = "--intake-only", description = "Measure only event intake against the raw producer (no seeding, no serving); "
            + "prints the figures and leaves the report alone.")
    boolean intakeOnly;

    @Option(names = "--replay-only", description = "Measure only the replay against a bare consumer (seeds the shop, adds --events events "
            + "twice as the full run does, replays once to warm up, then measures); prints the figures and leaves the report alone.")
    boolean replayOnly;

    @Option(names = "--output", defaultValue = "docs/benchmarks.md", description = "Where to write the report, relative to the project (default ${DEFAULT-VALUE}).")
    Path output;

    /** Keeps the unloaded runs short on a slow machine: a few thousand requests is plenty for a p99. */
    private static final int UNLOADED_LIMIT_SECONDS = 60;

    @Override
    public Integer call() throws IOException {
        if ("quick".equals(what)) {
            return quick();
        }
        if ("cloud".equals(what)) {
            return cloudOnly();
        }
        if (!"all".equals(what)) {
            throw new IllegalArgumentException("bench measures 'all' (the default), 'quick' or 'cloud', not '" + what + "'");
        }
        if (requests < 100 || concurrency < 1 || unloadedRequests < 100 || events < 500 || fresh < 1) {
            throw new IllegalArgumentException("use at least --requests 100, --concurrency 1, --unloaded-requests 100, --events 500 and --fresh 1");
        }
        StackLayout home = StackLayout.discover();
        StackLayout layout = new StackLayout(home.home(), home.stateDir().resolve("bench"));
        Progress progress = new Progress(System.out);
        progress.info("Starting a separate stack for the benchmark in " + layout.stateDir());
        try (Stack stack = Stack.start(layout, benchStack(), progress)) {
            if (intakeOnly) {
                return intakeAlone(stack, progress);
            }
            if (replayOnly) {
                return replayAlone(stack, progress);
            }
            seed(stack, progress);
            Benchmarks bench = new Benchmarks(stack.apiUrl(), stack.state().kafka(), HostAndPort.from(stack.state().redis()), 2880);
            List<String> composedUsers = progress.step("shoppers without a list of their own", () -> bench.seedUsersWithoutLists(COMPOSED_USERS));
            awaitStreams(stack, progress, "with the seed and the first lists", Duration.ofMinutes(1));
            double loadAtStart = Benchmarks.loadAverage();
            progress.step("warm-up", () -> {
                bench.forYou(1000, concurrency, Duration.ofMinutes(1));
                bench.forYou(composedUsers, 1000, concurrency, Duration.ofMinutes(1));
                return bench.serving(Math.min(requests, 5000), concurrency);
            });
            LatencySample redisAlone = progress.step("baseline: Redis round trips, 1 caller", () -> bench.redisRoundTrip(unloadedRequests, 1));
            LatencySample redis = progress.step("baseline: Redis round trips, " + concurrency + " callers",
                    () -> bench.redisRoundTrip(requests, concurrency));
            // The warm-up's served events are still flowing through Kafka, the streams processor and the
            // sink on the same cores; the unloaded runs should not pay for them.
            settle();
            awaitStreams(stack, progress, "with the warm-up's served events", Duration.ofSeconds(30));
            Duration unloadedLimit = Duration.ofSeconds(UNLOADED_LIMIT_SECONDS);
            ServingRun productAlone = progress.step("serving product pages, 1 caller", () -> bench.measured("product pages", 1, redisAlone,
                    () -> bench.serving(unloadedRequests, 1, unloadedLimit)));
            ServingRun forYouAlone = progress.step("serving \"for you\", 1 caller", () -> bench.measured("\"for you\"", 1, redisAlone,
                    () -> bench.forYou(unloadedRequests, 1, unloadedLimit)));
            ServingRun forYouComposed = composed(bench, progress, composedUsers, redisAlone, unloadedRequests, unloadedLimit);
            ServingRun productLoaded = progress.step("serving product pages, " + concurrency + " callers",
                    () -> bench.measured("product pages", concurrency, redis, () -> bench.serving(requests, concurrency)));
            CloudBoxRuns cloudBox = cloudBoxAlone(stack, bench, progress, unloadedLimit);
            LatencySample raw = progress.step("baseline: raw Kafka producer", () -> bench.rawProducer(events));
            LatencySample intake = progress.step("intake through the API", () -> bench.intake(events, Math.min(concurrency, 4)));
            LatencySample freshTrips = progress.step("fresh requests, end to end", () -> bench.freshRoundTrip(fresh, Duration.ofSeconds(10)));
            CapacityReport capacity = capacity(stack, layout, home, progress, FULL_SCORING);
            BenchReport report = new BenchReport(Instant.now().truncatedTo(ChronoUnit.SECONDS), machine(loadAtStart),
                    List.of(productAlone, forYouAlone, forYouComposed, productLoaded), intake, 500, raw, freshTrips, cloudBox);
            write(home.home().resolve(output), report.markdown() + capacity.markdown());
            stack.killApps();
        }
        return 0;
    }

    /**
     * The cloud box's serving runs next to the whole stack's, for work on serving: seed, warm up,
     * product pages at 1 and at {@code concurrency} callers in both shapes; printed, no page written.
     */
    private Integer cloudOnly() {
        if (requests < 100 || concurrency < 1 || unloadedRequests < 100) {
            throw new IllegalArgumentException("use at least --requests 100, --concurrency 1 and --unloaded-requests 100");
        }
        StackLayout home = StackLayout.discover();
        StackLayout layout = new StackLayout(home.home(), home.stateDir().resolve("bench"));
        Progress progress = new Progress(System.out);
        progress.info("Starting a separate stack for the benchmark in " + layout.stateDir());
        try (Stack stack = Stack.start(layout, benchStack(), progress)) {
            seed(stack, progress);
            awaitStreams(stack, progress, "with the seed and the first lists", Duration.ofMinutes(1));
            Benchmarks bench = new Benchmarks(stack.apiUrl(), stack.state().kafka(), HostAndPort.from(stack.state().redis()), 2880);
            double loadAtStart = Benchmarks.loadAverage();
            progress.step("warm-up", () -> bench.serving(Math.min(requests, 5000), concurrency));
            awaitStreams(stack, progress, "with the warm-up's served events", Duration.ofSeconds(30));
            Duration unloadedLimit = Duration.ofSeconds(UNLOADED_LIMIT_SECONDS);
            LatencySample redisAlone = progress.step("baseline: Redis round trips, 1 caller", () -> bench.redisRoundTrip(unloadedRequests, 1));
            LatencySample redis = progress.step("baseline: Redis round trips, " + concurrency + " callers",
                    () -> bench.redisRoundTrip(requests, concurrency));
            ServingRun alone = progress.step("serving product pages, 1 caller", () -> bench.measured("product pages", 1, redisAlone,
                    () -> bench.serving(unloadedRequests, 1, unloadedLimit)));
            ServingRun loaded = progress.step("serving product pages, " + concurrency + " callers",
                    () -> bench.measured("product pages", concurrency, redis, () -> bench.serving(requests, concurrency)));
            CloudBoxRuns cloudBox = cloudBoxAlone(stack, bench, progress, unloadedLimit);
            System.out.println();
            System.out.println(BenchReport.servingOnly(List.of(alone, loaded), cloudBox));
            System.out.println(machine(loadAtStart));
            stack.killApps();
        }
        return 0;
    }

    /**
     * Product pages at 1 and at {@code concurrency} callers with the online API and Redis alone on one
     * core and everything else (this JVM with Kafka and the load generator, the streams processor,
     * the laptop, PostgreSQL) on the others: the shape of a production cloud server. Skipped, with the
     * reason in the report, where taskset is missing or there is one core; the cores are given back after.
     */
    private CloudBoxRuns cloudBoxAlone(Stack stack, Benchmarks bench, Progress progress, Duration unloadedLimit) {
        CloudBoxPinning.Attempt attempt = progress.step("cloud box alone: pinning the API and Redis to one core",
                () -> CloudBoxPinning.tryPin(stack.app(Stack.ONLINE_API).pid(), HostAndPort.from(stack.state().redis()).getPort(),
                        List.of(URI.create(stack.state().postgres()).getPort())));
        if (attempt.pinning().isEmpty()) {
            progress.info("  skipped the cloud-box-alone runs: " + attempt.skipped());
            return CloudBoxRuns.skipped(attempt.skipped());
        }
        try (CloudBoxPinning pinning = attempt.pinning().get()) {
            progress.info("  " + pinning.description());
            settle(); // the moved processes' queues drain and the load average starts to show the new shape
            String what = "product pages, " + pinning.label();
            LatencySample redisAlone = progress.step("baseline: Redis round trips, 1 caller, " + pinning.label(),
                    () -> bench.redisRoundTrip(unloadedRequests, 1));
            LatencySample redis = progress.step("baseline: Redis round trips, " + concurrency + " callers, " + pinning.label(),
                    () -> bench.redisRoundTrip(requests, concurrency));
            ServingRun alone = progress.step("serving " + what + ", 1 caller",
                    () -> bench.measured(what, 1, redisAlone, () -> bench.serving(unloadedRequests, 1, unloadedLimit)));
            ServingRun loaded = progress.step("serving " + what + ", " + concurrency + " callers",
                    () -> bench.measured(what, concurrency, redis, () -> bench.serving(requests, concurrency)));
            return new CloudBoxRuns(List.of(alone, loaded), pinning.description(), null);
        }
    }

    /** Catalog sizes and the query rows scored at each: whole at 10k; slices against 100k and 1M keep the run within 15 minutes. */
    private static final int[][] FULL_SCORING = {{10_000, 10_000}, {100_000, 4_096}, {1_000_000, 1_024}};
    private static final int[][] QUICK_SCORING = {{10_000, 2_048}, {100_000, 512}};
    private static final int QUICK_WARM_UP = 4_000;

    /** Shoppers made up for the composed "for you" run: enough that Redis and the API do not answer one user from a warm line. */
    private static final int COMPOSED_USERS = 200;
    /** Requests of the composed "for you" run in quick: about a second at 1 caller. */
    private static final int QUICK_COMPOSED = 500;

    /**
     * "For you" of shoppers with recent items but no list of their own, 1 caller: the answer the
     * API composes from their recent items' lists, in the same Redis round trip. Checked in Redis
     * afterwards (none has a list of their own), so the run cannot quietly measure the batch tier.
     */
    private static ServingRun composed(Benchmarks bench, Progress progress, List<String> users, LatencySample redisAlone,
                                       int requests, Duration limit) {
        ServingRun run = progress.step("serving \"for you\", composed, 1 caller", () -> bench.measured("\"for you\", composed", 1, redisAlone,
                () -> bench.forYou(users, requests, 1, limit)));
        // The composed answer carries the best tier of its seeds' lists, so the tier alone cannot tell it
        // from the user's own batch list; the Redis check can, the tiers are there for the reader.
        String tiers = run.server().byTier().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s/%s %.0f", e.getKey().endpoint(), e.getKey().tier(), e.getValue().count()))
                .sorted().collect(java.util.stream.Collectors.joining(", "));
        return run.withNote(bench.composedCheck(users) + "; answers by endpoint/tier at the server: " + (tiers.isEmpty() ? "none" : tiers));
    }

    private static double secondsSinceStart() {
        return ProcessHandle.current().info().startInstant()
                .map(started -> Duration.between(started, Instant.now()).toMillis() / 1e3).orElse(Double.NaN);
    }

    /** The small subset (about 30 s of measuring once the stack is up and seeded): serving against Redis, Redis memory, scoring up to 100k. */
    private Integer quick() throws IOException {
        StackLayout home = StackLayout.discover();
        StackLayout layout = new StackLayout(home.home(), home.stateDir().resolve("bench"));
        Progress progress = new Progress(System.out);
        progress.info("Starting a separate stack for the benchmark in " + layout.stateDir());
        try (Stack stack = Stack.start(layout, benchStack(), progress)) {
            seed(stack, progress);
            Benchmarks bench = new Benchmarks(stack.apiUrl(), stack.state().kafka(), HostAndPort.from(stack.state().redis()), 2880);
            List<String> composedUsers = progress.step("shoppers without a list of their own", () -> bench.seedUsersWithoutLists(COMPOSED_USERS));
            awaitStreams(stack, progress, "with the seed and the first lists", Duration.ofSeconds(30));
            long start = System.nanoTime();
            int quickRequests = Math.min(requests, 3000);
            // Enough requests for the API's hot path to be compiled, capped in time for a slow machine.
            progress.step("warm-up", () -> {
                bench.forYou(composedUsers, 500, concurrency, Duration.ofSeconds(2));
                return bench.serving(QUICK_WARM_UP, concurrency, Duration.ofSeconds(8));
            });
            awaitStreams(stack, progress, "with the warm-up's served events", Duration.ofSeconds(10));
            double loadAtStart = Benchmarks.loadAverage();
            LatencySample redis = progress.step("baseline: Redis round trips, " + concurrency + " callers",
                    () -> bench.redisRoundTrip(quickRequests, concurrency));
            ServingRun serving = progress.step("serving product pages, " + concurrency + " callers",
                    () -> bench.measured("product pages", concurrency, redis, () -> bench.serving(quickRequests, concurrency)));
            LatencySample redisAlone = progress.step("baseline: Redis round trips, 1 caller", () -> bench.redisRoundTrip(QUICK_COMPOSED, 1));
            ServingRun forYouComposed = composed(bench, progress, composedUsers, redisAlone, QUICK_COMPOSED, Duration.ofSeconds(3));
            CapacityReport capacity = capacity(stack, layout, home, progress, QUICK_SCORING);
            progress.info(String.format(Locale.ROOT, "Measured in %.0f s after the stack was up and seeded; %.0f s since the command started",
                    (System.nanoTime() - start) / 1e9, secondsSinceStart()));
            QuickReport report = new QuickReport(Instant.now().truncatedTo(ChronoUnit.SECONDS), machine(loadAtStart), serving, forYouComposed, capacity);
            write(home.home().resolve(output.equals(Path.of(FULL_OUTPUT)) ? Path.of(QUICK_OUTPUT) : output), report.markdown());
            stack.killApps();
        }
        return 0;
    }

    /**
     * The bench's own stack: the API's per-client rate limit off (all load comes from one address),
     * and the laptop training the one family that model selection picks on the demo shop anyway
     * (sequential item-kNN): the first batch run then takes seconds instead of most of a minute of
     * trials, and serves the same kind of lists. {@code ./nightshift eval} is where families are compared.
     * The apps may take longer than usual to start: on a machine shared with builds the streams
     * processor alone took over 100 s, and a bench that gives up there measures nothing.
     */
    private static StackOptions benchStack() {
        return new StackOptions(FreePorts.next(), true, List.of("--nightshift.rate-limit.enabled=false"), Duration.ofMinutes(4),
                List.of("--nightshift.laptop.selection.families=seqknn"));
    }

    /**
     * Waits (at most {@code timeout}) until the streams processor has digested what was sent so far:
     * a measurement started while it still works through the seed, the laptop's lists or a warm-up's
     * served events shares the cores with that work.
     */
    private static void awaitStreams(Stack stack, Progress progress, String after, Duration timeout) {
        try (StreamsBacklog backlog = new StreamsBacklog(stack.state().kafka())) {
            StreamsBacklog.Lag lag = progress.step("streams processor caught up " + after, () -> backlog.awaitCaughtUp(timeout));
            if (!lag.caughtUp()) {
                progress.info(String.format(Locale.ROOT, "  still %,d records behind after %d s; measuring anyway", lag.records(), timeout.toSeconds()));
            }
        }
    }

    private static final String FULL_OUTPUT = "docs/benchmarks.md";
    private static final String QUICK_OUTPUT = "docs/benchmarks-quick.md";

    /** Replay (full runs only), Redis memory of lists of 20 (and 50 in full runs), and whole-catalog scoring at the given sizes. */
    private static CapacityReport capacity(Stack stack, StackLayout layout, StackLayout home, Progress progress, int[][] sizes) {
        ReplayRate.Result replay = null;
        ReplayRate.Result rawRead = null;
        if (sizes == FULL_SCORING) {
            ReplayRate replays = new ReplayRate(stack.state().kafka());
            rawRead = progress.step("baseline: bare consumer over the replayed topics", replays::rawRead);
            replay = progress.step("replay through the streams processor", () -> replays.replay(stack.apiUrl(), Duration.ofMinutes(5)));
        }
        RedisMemory memory = new RedisMemory(stack.state().kafka(), HostAndPort.from(stack.state().redis()));
        List<RedisMemory.Result> lists = new java.util.ArrayList<>();
        // Quick keeps the target's lists of 20; the lists of 50 are there for comparison, in the full run.
        for (int length : sizes == FULL_SCORING ? new int[]{20, 50} : new int[]{20}) {
            lists.add(progress.step("Redis memory, a version of lists of " + length, () -> memory.measure(length, 2880, Duration.ofMinutes(2))));
        }
        Path laptopJar = home.execJar("batch-jobs").orElseThrow(() -> new IllegalStateException(
                "no batch-jobs/target/*-exec.jar to score with; build it with ./mvnw -pl batch-jobs -am package -DskipTests"));
        ScoringRuns scoring = new ScoringRuns(laptopJar, home.djlCache(), layout.stateDir());
        List<ScoringRuns.Result> scored = new java.util.ArrayList<>();
        for (int[] size : sizes) {
            scored.add(progress.step("scoring %,d products (%,d lists)".formatted(size[0], Math.min(size[0], size[1])),
                    () -> scoring.run(size[0], size[1])));
        }
        return new CapacityReport(replay, rawRead, lists, scored);
    }

    private static void write(Path target, String markdown) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + target);
    }

    /** Intake needs no catalog or model: events are validated against the contract, not against the products. */
    private int intakeAlone(Stack stack, Progress progress) {
        Benchmarks bench = new Benchmarks(stack.apiUrl(), stack.state().kafka(), HostAndPort.from(stack.state().redis()), 2880);
        int callers = Math.min(concurrency, 4);
        progress.step("warm-up", () -> bench.intake(Math.min(events, 20_000), callers));
        double loadAtStart = Benchmarks.loadAverage();
        LatencySample raw = progress.step("baseline: raw Kafka producer", () -> bench.rawProducer(events));
        LatencySample intake = progress.step("intake through the API", () -> bench.intake(events, callers));
        double perSecond = intake.perSecond() * 500;
        System.out.printf(Locale.ROOT, "%nintake %,.0f events/s (%d batches failed), raw producer %,.0f events/s: %.2f×; %s%n",
                perSecond, intake.failures(), raw.perSecond(), perSecond / raw.perSecond(), machine(loadAtStart));
        return intake.failures() == 0 ? 0 : 1;
    }

    /** The replay alone, over a log like the full run's (the shop, then the raw producer's and the intake's events). */
    private int replayAlone(Stack stack, Progress progress) {
        DemoSeeder seeder = new DemoSeeder(new ApiClient(stack.apiUrl(), ApiClient.DEMO_TOKEN), progress);
        DemoShop shop = DemoShop.generate(42, 3000, Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10)));
        seeder.loadCatalog(shop);
        seeder.loadEvents(shop);
        Benchmarks bench = new Benchmarks(stack.apiUrl(), stack.state().kafka(), HostAndPort.from(stack.state().redis()), 2880);
        progress.step("events from the raw producer", () -> bench.rawProducer(events));
        progress.step("events through the API", () -> bench.intake(events, Math.min(concurrency, 4)));
        ReplayRate replays = new ReplayRate(stack.state().kafka());
        progress.step("warm-up replay", () -> replays.replay(stack.apiUrl(), Duration.ofMinutes(5)));
        double loadAtStart = Benchmarks.loadAverage();
        ReplayRate.Result raw = progress.step("baseline: bare consumer over the replayed topics", replays::rawRead);
        ReplayRate.Result replay = progress.step("replay through the streams processor", () -> replays.replay(stack.apiUrl(), Duration.ofMinutes(5)));
        System.out.printf(Locale.ROOT, "%nreplay %,d records in %.2f s: %,.0f records/s; bare consumer %,d records in %.2f s: %,.0f records/s; %.3f×; %s%n",
                replay.records(), replay.took().toNanos() / 1e9, replay.perSecond(), raw.records(), raw.took().toNanos() / 1e9, raw.perSecond(),
                replay.perSecond() / raw.perSecond(), machine(loadAtStart));
        return 0;
    }

    private static void seed(Stack stack, Progress progress) {
        DemoSeeder seeder = new DemoSeeder(new ApiClient(stack.apiUrl(), ApiClient.DEMO_TOKEN), progress);
        DemoShop shop = DemoShop.generate(42, 3000, Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10)));
        seeder.loadCatalog(shop);
        seeder.loadEvents(shop);
        progress.step("first batch run", () -> {
            seeder.requestBatchRun();
            return seeder.awaitTier(shop.showcaseProduct(), "batch", Duration.ofMinutes(5));
        });
    }

    private static void settle() {
        try {
            Thread.sleep(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The machine, and how busy it was: everything else on it shares the cores with the benchmark. */
    private static String machine(double loadAtStart) {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + String.format(Locale.ROOT, "; 1-minute load average %.1f when the measurements started, %.1f when they ended",
                loadAtStart, Benchmarks.loadAverage());
    }

}
