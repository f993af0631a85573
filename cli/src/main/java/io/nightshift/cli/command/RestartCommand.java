package io.nightshift.cli.command;

import io.nightshift.cli.terminal.Durations;
import io.nightshift.cli.stack.AppProcess;
import io.nightshift.cli.stack.AppState;
import io.nightshift.cli.stack.StackApp;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * The owner's "turn it off and on again" for one app: the request goes to the stack's supervisor
 * (which owns the processes), and the command waits until the new process answers healthy. Apps
 * that crash need no command: the supervisor restarts them by itself.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Restart one app now and wait until it is healthy again.",
                "A graceful stop (SIGTERM, SIGKILL after 20 s), then a start.",
                "Apps that crash come back by themselves; ./nightshift status shows their restarts."})
final class RestartCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(250);

    @Parameters(index = "0", paramLabel = "APP", description = "online-api, streams-processor (or streams) or batch-jobs (or laptop)")
    String app;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3m", description = "How long to wait until it is healthy again, e.g. 90s, 10m or 1h30m (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        StackApp target = StackApp.named(app).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "there is no app called '" + app + "'; the apps are " + StackApp.choices()));
        PrintWriter out = spec.commandLine().getOut();
        StackLayout layout = StackLayout.discover();
        StackState.App before = appIn(RunningStack.require(layout), target);
        if (before.state() == AppState.STOPPED) {
            throw new IllegalStateException(target.module() + " is stopped on purpose"
                    + (target == StackApp.LAPTOP ? "; bring it back with ./nightshift laptop online" : ""));
        }
        out.println("Restarting " + target.module() + " (pid " + before.pid() + "): a graceful stop, a start, then a wait until it is healthy...");
        out.flush();
        Instant asked = Instant.now();
        Path request = layout.restartRequest(target.key());
        Wishes.write(request, asked.toString());
        long shownPid = before.pid();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Files.exists(request)) {
            StackState.App now = appIn(RunningStack.require(layout), target);
            if (now.pid() != shownPid) {
                shownPid = now.pid();
                out.println("  .. started (pid " + shownPid + "), waiting until it is healthy");
                out.flush();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the supervisor did not restart " + target.module() + " within "
                        + Durations.human(timeout) + "; see " + layout.supervisorLog() + " and " + appLog(layout, target));
            }
            Thread.sleep(POLL.toMillis());
        }
        StackState.App after = appIn(RunningStack.require(layout), target);
        if (after.pid() == before.pid() || after.state() != AppState.RUNNING || !AppProcess.healthy(after.port())) {
            throw new IllegalStateException("could not restart " + target.module() + " (now: " + after.state().name().toLowerCase()
                    + ", pid " + after.pid() + "); see " + layout.supervisorLog() + " and " + appLog(layout, target));
        }
        out.println("Restarted " + target.module() + ": pid " + before.pid() + " -> pid " + after.pid() + ", healthy after "
                + Durations.human(Duration.between(asked, Instant.now())) + ".");
        return 0;
    }

    private static StackState.App appIn(StackState state, StackApp target) {
        StackState.App found = state.apps().get(target.key());
        if (found == null) {
            throw new IllegalStateException("the running stack has no " + target.module() + "; start a full one with ./nightshift down, then ./nightshift up");
        }
        return found;
    }

    private static Path appLog(StackLayout layout, StackApp target) {
        return layout.logs().resolve(target.key() + ".log");
    }
}
