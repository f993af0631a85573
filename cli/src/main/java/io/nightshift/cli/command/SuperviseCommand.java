package io.nightshift.cli.command;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.demo.DemoSeeder;
import io.nightshift.cli.demo.DemoShop;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.cli.stack.LocalPrometheus;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The supervisor itself: starts the stack, optionally seeds the demo, then keeps it running until SIGTERM. */
@Command(name = "supervise", mixinStandardHelpOptions = true, hidden = true, description = "Run the stack in this process (used by demo and up).")
final class SuperviseCommand implements Callable<Integer> {

    static final Duration FIRST_BATCH_TIMEOUT = Duration.ofMinutes(3);

    @Option(names = "--port", defaultValue = "8080", description = "Port of the online API (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--seed-demo", description = "Load the demo shop and run a first batch.")
    boolean seedDemo;

    @Option(names = "--secure", description = "Production's links and settings on this machine (see StackOptions#secure).")
    boolean secure;

    @Override
    public Integer call() {
        StackLayout layout = StackLayout.discover();
        Progress progress = new Progress(System.out);
        progress.info("Starting Nightshift in " + layout.home());
        StackOptions options = new StackOptions(port, seedDemo);
        Stack stack = Stack.start(layout, secure ? options.secured() : options, progress);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Nightshift...");
            main.interrupt();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nightshift-shutdown"));
        // Supervision starts with the apps, not once the demo is seeded: an app that crashes
        // during the minutes of seeding and the first batch run comes back too.
        Thread supervisor = Thread.ofPlatform().name("nightshift-supervisor").start(stack::superviseUntilInterrupted);
        LocalPrometheus prometheus = null;
        try {
            if (seedDemo) {
                seed(stack, ownerApi(stack), progress);
                prometheus = watch(stack, layout, progress);
            }
            stack.markReady();
            ReadyBanner.print(System.out, stack.state(), seedDemo, progress.elapsed(),
                    Optional.ofNullable(prometheus).map(LocalPrometheus::url), stack.state().secureSecrets().isPresent());
            supervisor.join(); // until the shutdown hook interrupts this thread
        } catch (InterruptedException e) {
            // Shutting down, as asked.
        } finally {
            try {
                supervisor.interrupt();
                awaitEnd(supervisor);
                if (prometheus != null) {
                    prometheus.close();
                }
                stack.close();
                System.out.println("Nightshift stopped; nothing left running.");
            } finally {
                // The shutdown hook waits for this: whatever close() ran into, the process must end.
                stopped.countDown();
            }
        }
        return 0;
    }

    /**
     * The demo is watched like production when the distribution's Prometheus is installed; without
     * it, or when it fails to start, the demo runs on without (a warning says why).
     */
    private static LocalPrometheus watch(Stack stack, StackLayout layout, Progress progress) {
        Optional<java.nio.file.Path> binary = LocalPrometheus.installed();
        if (binary.isEmpty()) {
            return null;
        }
        try {
            return progress.step("Prometheus (the deployed scrape jobs and alert rules)", () -> LocalPrometheus.start(binary.get(), layout,
                    stack.app(Stack.ONLINE_API).spec().port(), stack.app(Stack.STREAMS).spec().port(), ownerApi(stack).adminToken(), Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            progress.warn("Prometheus did not start: " + e.getMessage() + "; the demo runs without it");
            return null;
        }
    }

    /** The supervisor's thread may be mid-way through starting an app; the stack closes after it. */
    private static void awaitEnd(Thread supervisor) {
        boolean interrupted = false;
        while (supervisor.isAlive()) {
            try {
                supervisor.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The API as its owner: with the secure stack's generated token and key, else the demo's, as always. */
    static ApiClient ownerApi(Stack stack) {
        return stack.state().secureSecrets()
                .map(secrets -> new ApiClient(stack.apiUrl(), secrets.adminToken(), secrets.catalogKey()))
                .orElseGet(() -> new ApiClient(stack.apiUrl(), ApiClient.DEMO_TOKEN));
    }

    private static void seed(Stack stack, ApiClient api, Progress progress) {
        DemoSeeder seeder = new DemoSeeder(api, progress);
        DemoShop shop = DemoShop.generate(42, 3000, Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10)));
        seeder.loadCatalog(shop);
        seeder.loadEvents(shop);
        progress.step("first batch run on the laptop (train, score, publish, activate)", () -> {
            seeder.requestBatchRun();
            JsonNode answer = seeder.awaitTier(shop.showcaseProduct(), "batch", FIRST_BATCH_TIMEOUT);
            if (answer == null || !"batch".equals(answer.path("tier").asString())) {
                progress.warn("the first batch run has not landed yet; shoppers get the "
                        + (answer == null ? "popular" : answer.path("tier").asString()) + " tier meanwhile");
            }
            return answer;
        });
    }
}
