package io.nightshift.cli.command;

import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.eval.EvalReport;
import io.nightshift.cli.eval.Evaluator;
import io.nightshift.cli.importer.Importer;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackOptions;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures what shoppers get: the protocol of {@code docs/quality.md} with the real HTTP API as
 * the model under test, next to the baselines on the same split. Starts its own stack (in
 * {@code .nightshift/eval}, so a demo stack can keep running) and stops it at the end, also on
 * Ctrl-C; or evaluates a running stack with {@code --api}.
 */
@Command(name = "eval", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Evaluate the served recommendations on a dataset.",
                "A leave-last-out split, import of the training part only, a batch run, then HR@10, NDCG@10, coverage@10"
                        + " and tiers of the real API's answers for every test user, next to the popularity, ItemKNN and tuned"
                        + " iALS baselines on the same split. Protocol: docs/quality.md.",
                "Examples:",
                "  ./nightshift eval sequences ../shared/data/amazon-beauty/Beauty.txt",
                "  ./nightshift eval csv ../shared/data/groceries/Groceries_dataset.csv \\",
                "      --user 0 --time 1 --time-format dd-MM-yyyy --item 2 --event-type purchase --json"})
final class EvalCommand implements Callable<Integer> {

    /** The evaluation queries from one address far faster than a shopper; the per-client limit would only slow it down. */
    static final List<String> API_ARGUMENTS = List.of("--nightshift.rate-limit.enabled=false");

    /** The evaluation runs on machines busy with other work (CI, builds); an app that starts slowly is not a failure. */
    static final Duration APP_START_TIMEOUT = Duration.ofMinutes(5);

    @Parameters(index = "0", paramLabel = "FORMAT", description = "movielens, sequences or csv")
    String format;

    @Parameters(index = "1", paramLabel = "FILE", description = "the dataset file")
    Path file;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--api", paramLabel = "URL",
            description = "evaluate the stack behind this online API instead of starting one (its data gets the training events; its rate limit applies)")
    String api;

    @Option(names = "--json", description = "print the result as JSON on stdout (progress goes to stderr)")
    boolean json;

    @Option(names = "--limit-users", paramLabel = "N", defaultValue = "0",
            description = "ask for the first N test users only (default: all); the import and the batch run are the same")
    int limitUsers;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16", description = "API requests in flight (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--batch-timeout", paramLabel = "DURATION", defaultValue = "20m", converter = DurationConverter.MinutesOrDuration.class,
            description = "how long the batch run may take until its version is active, e.g. 45m or 1h30m; a bare number means minutes (default ${DEFAULT-VALUE})")
    Duration batchTimeout;

    @Option(names = "--selection-budget", paramLabel = "DURATION", defaultValue = "3m",
            description = "the started laptop's model-selection budget (default ${DEFAULT-VALUE}; the laptop's own default is 5m): "
                    + "keeps a whole evaluation within minutes on a 2-core machine")
    Duration selectionBudget;

    @Option(names = "--port", paramLabel = "PORT", description = "the started stack's API port (default: a free one)")
    Integer port;

    @Override
    public Integer call() {
        // Everything the user can get wrong is checked before a stack starts.
        if (api != null && port != null) {
            throw new IllegalArgumentException("--port is for the stack eval starts; with --api it evaluates that one");
        }
        Evaluator.Settings settings = new Evaluator.Settings(10, concurrency, limitUsers, batchTimeout);
        Importer importer = dataset.importer(format, file);
        PrintStream out = System.out;
        if (json) {
            // stdout is for the JSON alone: everything else printed meanwhile (progress, and the in-process Kafka
            // broker's log lines, whose console appender writes to whatever System.out is) goes to stderr.
            System.setOut(System.err);
        }
        try {
            Progress progress = new Progress(System.out);
            EvalReport report = api != null
                    ? new Evaluator(client(api), progress, settings).evaluate(file.toString(), importer)
                    : withOwnStack(progress, stackUrl -> new Evaluator(new ApiClient(stackUrl, ApiClient.DEMO_TOKEN), progress, settings)
                    .evaluate(file.toString(), importer));
            out.println(json ? report.json() : "\n" + report.table());
            out.flush();
            return 0;
        } finally {
            System.setOut(out);
        }
    }

    private interface Work {
        EvalReport on(String apiUrl);
    }

    /**
     * Starts a stack of its own, runs the work, and stops the stack whatever happens: Ctrl-C
     * interrupts the work, and the JVM exits only once the stack's processes are gone.
     */
    private EvalReport withOwnStack(Progress progress, Work work) {
        StackLayout cli = StackLayout.discover();
        StackLayout layout = new StackLayout(cli.home(), cli.stateDir().resolve("eval"));
        StackState.readFrom(layout.stateFile()).filter(StackState::supervisorAlive).ifPresent(running -> {
            // A second eval would wipe the first one's working folders at its start.
            throw new IllegalStateException("another eval (pid " + running.supervisorPid() + ") is using " + layout.stateDir()
                    + "; wait for it, or evaluate a running stack with --api");
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            progress.info("Stopping the evaluation stack...");
            main.interrupt();
            try {
                stopped.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nightshift-eval-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Stack stack = null;
        try {
            progress.info("Starting a stack for the evaluation in " + layout.stateDir());
            stack = Stack.start(layout, new StackOptions(port != null ? port : FreePorts.next(), false, API_ARGUMENTS, APP_START_TIMEOUT,
                    List.of("--nightshift.laptop.selection.budget=" + selectionBudget.toSeconds() + "s")), progress);
            stack.markReady();
            return work.on(stack.apiUrl());
        } finally {
            if (stack != null) {
                progress.info("Stopping the evaluation stack (logs stay in " + layout.logs() + ")");
                stack.close();
            }
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // Ctrl-C: the hook is running and waits for the latch counted down above.
            }
        }
    }

    private static ApiClient client(String url) {
        return new ApiClient(url.replaceAll("/+$", ""), System.getenv().getOrDefault("NIGHTSHIFT_ADMIN_TOKEN", ApiClient.DEMO_TOKEN));
    }

}
