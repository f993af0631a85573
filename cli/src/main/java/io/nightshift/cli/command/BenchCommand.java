package io.nightshift.cli.command;

import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.cli.bench.BenchReport;
import io.nightshift.cli.bench.Benchmarks;
import io.nightshift.cli.bench.LatencySample;
import io.nightshift.cli.bench.ServingRun;
import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.demo.DemoSeeder;
import io.nightshift.cli.demo.DemoShop;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.HostAndPort;

import java.io.IOException;
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

    @Option(names = "--requests", defaultValue = "20000", description = "Serving requests to measure (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent callers (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--unloaded-requests", defaultValue = "3000",
            description = "Requests per unloaded run (1 caller; product pages, then \"for you\"), each stopped after "
                    + UNLOADED_LIMIT_SECONDS + " s (default ${DEFAULT-VALUE}).")
    int unloadedRequests;

    @Option(names = "--events", defaultValue = "50000", description = "Events for the intake measurement (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--fresh", defaultValue = "30", description = "Fresh requests to time, one at a time (default ${DEFAULT-VALUE}).")
    int fresh;

    @Option(names = "--intake-only", description = "Measure only event intake against the raw producer (no seeding, no serving); "
            + "prints the figures and leaves the report alone.")
    boolean intakeOnly;

    @Option(names = "--output", defaultValue = "docs/benchmarks.md", description = "Where to write the report, relative to the project (default ${DEFAULT-VALUE}).")
    Path output;

    /** Keeps the unloaded runs short on a slow machine: a few thousand requests is plenty for a p99. */
    private static final int UNLOADED_LIMIT_SECONDS = 60;

    @Override
    public Integer call() throws IOException {
        if (requests < 100 || concurrency < 1 || unloadedRequests < 100 || events < 500 || fresh < 1) {
            throw new IllegalArgumentException("use at least --requests 100, --concurrency 1, --unloaded-requests 100, --events 500 and --fresh 1");
        }
        StackLayout home = StackLayout.discover();
        StackLayout layout = new StackLayout(home.home(), home.stateDir().resolve("bench"));
        Progress progress = new Progress(System.out);
        progress.info("Starting a separate stack for the benchmark in " + layout.stateDir());
        try (Stack stack = Stack.start(layout, new StackOptions(FreePorts.next(), true,
                List.of("--nightshift.rate-limit.enabled=false")), progress)) {
            if (intakeOnly) {
                return intakeAlone(stack, progress);
            }
            seed(stack, progress);
            Benchmarks bench = new Benchmarks(stack.apiUrl(), stack.state().kafka(), HostAndPort.from(stack.state().redis()), 2880);
            double loadAtStart = Benchmarks.loadAverage();
            progress.step("warm-up", () -> {
                bench.forYou(1000, concurrency, Duration.ofMinutes(1));
                return bench.serving(Math.min(requests, 5000), concurrency);
            });
            LatencySample redisAlone = progress.step("baseline: Redis round trips, 1 caller", () -> bench.redisRoundTrip(unloadedRequests, 1));
            LatencySample redis = progress.step("baseline: Redis round trips, " + concurrency + " callers",
                    () -> bench.redisRoundTrip(requests, concurrency));
            // The warm-up's served events are still flowing through Kafka, the streams processor and the
            // sink on the same cores; the unloaded runs should not pay for them.
            settle();
            Duration unloadedLimit = Duration.ofSeconds(UNLOADED_LIMIT_SECONDS);
            ServingRun productAlone = progress.step("serving product pages, 1 caller", () -> bench.measured("product pages", 1, redisAlone,
                    () -> bench.serving(unloadedRequests, 1, unloadedLimit)));
            ServingRun forYouAlone = progress.step("serving \"for you\", 1 caller", () -> bench.measured("\"for you\"", 1, redisAlone,
                    () -> bench.forYou(unloadedRequests, 1, unloadedLimit)));
            ServingRun productLoaded = progress.step("serving product pages, " + concurrency + " callers",
                    () -> bench.measured("product pages", concurrency, redis, () -> bench.serving(requests, concurrency)));
            LatencySample raw = progress.step("baseline: raw Kafka producer", () -> bench.rawProducer(events));
            LatencySample intake = progress.step("intake through the API", () -> bench.intake(events, Math.min(concurrency, 4)));
            LatencySample freshTrips = progress.step("fresh requests, end to end", () -> bench.freshRoundTrip(fresh, Duration.ofSeconds(10)));
            BenchReport report = new BenchReport(Instant.now().truncatedTo(ChronoUnit.SECONDS), machine(loadAtStart),
                    List.of(productAlone, forYouAlone, productLoaded), intake, 500, raw, freshTrips);
            Path target = home.home().resolve(output);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, report.markdown());
            System.out.println();
            System.out.println(report.markdown());
            System.out.println("Written to " + target);
        }
        return 0;
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
