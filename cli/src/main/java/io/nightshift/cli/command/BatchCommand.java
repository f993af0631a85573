package io.nightshift.cli.command;

import io.nightshift.cli.batch.RunFollower;
import io.nightshift.cli.batch.RunState;
import io.nightshift.cli.batch.RunSummary;
import io.nightshift.cli.batch.RunView;
import io.nightshift.cli.batch.VersionLineage;
import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The owner's "run now": a control event the laptop follows when it is (or comes back) online;
 * then the run followed through the admin API until it ends, and a summary of what it produced.
 * Ctrl-C only stops the watching: the run is the laptop's.
 */
@Command(name = "batch", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Ask the laptop for a batch run now and follow it.",
                "`batch run` asks for a nightly run now and follows it (progress per step, then the model chosen, its metrics against the active model, products scored, time).",
                "Ctrl-C stops watching, not the run."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the run completed (or, with --no-wait, was requested)", "1:an error (no stack, the API refused the request)",
                "2:bad usage", "3:the evaluation gate refused the new model (the active one stays)", "4:the run failed",
                "5:--timeout passed before the run ended (it goes on on the laptop)"})
final class BatchCommand implements Callable<Integer> {

    /** A completed run's version goes active once the streams processor has loaded all its lists; more than this is worth a look. */
    static final Duration ACTIVATION_WAIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofSeconds(1);

    @Parameters(index = "0", paramLabel = "run", description = "run")
    String action;

    @Option(names = "--no-wait", description = "only ask for the run and print its id; do not follow it")
    boolean noWait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2h",
            description = "stop watching after this long, e.g. 90s, 30m, 2h or 1h30m (default ${DEFAULT-VALUE}); the run goes on")
    Duration timeout;

    @Option(names = "--api", paramLabel = "URL", description = "the online API to ask (default: the running local stack's)")
    String api;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!"run".equals(action)) {
            throw new ParameterException(spec.commandLine(), "unknown batch action '" + action + "'; try: ./nightshift batch run");
        }
        ApiClient client = client();
        RunFollower follower = new RunFollower(client, POLL);
        Optional<String> activeBefore = noWait ? Optional.empty() : RunFollower.activeVersion(follower.versions());
        ApiClient.Response response = client.post("/api/v1/admin/runs", Map.of("detail", "requested with ./nightshift batch run"));
        if (!response.ok()) {
            throw new IllegalStateException("the API refused the run request (HTTP " + response.status() + "): " + response.body());
        }
        String runId = response.json().path("runId").asString("");
        if (noWait || runId.isEmpty()) {
            System.out.println("Run requested: " + response.body());
            // A generated token stays out of the terminal: the owner has it in the environment or the secrets file.
            String token = ApiClient.DEMO_TOKEN.equals(client.adminToken()) ? ApiClient.DEMO_TOKEN : "$NIGHTSHIFT_ADMIN_TOKEN";
            System.out.println("Follow it with: curl -H \"Authorization: Bearer " + token + "\" " + client.url("/api/v1/admin/runs"));
            return 0;
        }
        Progress progress = new Progress(System.out);
        progress.info("Run " + runId + " requested; following it (" + RunView.OFFLINE_TAIL + ").");
        Thread hook = new Thread(() -> progress.info("\nStopped watching run " + runId + "; it goes on on the laptop (./nightshift status)."),
                "nightshift-batch-watch");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RunSummary summary = follow(follower, runId, activeBefore, progress);
            progress.info("");
            summary.lines().forEach(progress::info);
            return summary.ending().exitCode();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // Ctrl-C: the hook says where the run is.
            }
        }
    }

    private RunSummary follow(RunFollower follower, String runId, Optional<String> activeBefore, Progress progress) {
        RunView view = new RunView(progress);
        RunState end;
        try {
            end = follower.follow(runId, timeout, view);
        } catch (RunFollower.TimedOut e) {
            String where = e.last().map(BatchCommand::where).orElse("");
            return RunSummary.of(runId, RunSummary.Ending.TIMED_OUT, where, Optional.empty(), Optional.empty(), activeBefore, view, progress.elapsed());
        }
        RunSummary.Ending ending = RunSummary.Ending.of(end);
        if (ending != RunSummary.Ending.COMPLETED) {
            return RunSummary.of(runId, ending, end.detail(), Optional.empty(), Optional.empty(), activeBefore, view, progress.elapsed());
        }
        progress.info("  .. waiting for the new version to become active");
        Optional<JsonNode> versions = follower.awaitActivation(activeBefore.orElse(null), ACTIVATION_WAIT);
        Optional<String> version = versions.flatMap(RunFollower::activeVersion);
        Optional<VersionLineage> lineage = version.flatMap(v -> VersionLineage.of(versions.get(), v));
        return RunSummary.of(runId, ending, end.detail(), version, lineage, activeBefore, view, progress.elapsed());
    }

    private static String where(RunState run) {
        if (run.waitingForTheLaptop()) {
            return "is still waiting for the laptop";
        }
        String counts = run.total() > 0 ? " " + run.done() + "/" + run.total() : "";
        return "was " + run.status().wire() + (run.step().isEmpty() ? "" : " in " + run.step() + counts)
                + (run.detail().isEmpty() ? "" : " (" + run.detail() + ")");
    }

    private ApiClient client() {
        if (api != null) {
            return new ApiClient(api.replaceAll("/+$", ""), System.getenv().getOrDefault("NIGHTSHIFT_ADMIN_TOKEN", ApiClient.DEMO_TOKEN));
        }
        StackState state = RunningStack.require(StackLayout.discover());
        return RunningStack.api(state);
    }
}
