package io.nightshift.cli.command;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.stack.AppProcess;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/** What runs, where, and how the laptop is doing (as the cloud sees it, from heartbeats). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show what runs, where, and how the laptop is doing.",
                "Each app's live pid, restarts and last exit, the URLs, Redis and Kafka up or stopped, the laptop as you asked and as the cloud sees it."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StackLayout layout = StackLayout.discover();
        StackState state = StackState.readFrom(layout.stateFile()).filter(StackState::supervisorAlive).orElse(null);
        if (state == null) {
            out.println("Nightshift is not running. Start it with ./nightshift demo");
            return NightshiftCli.FAILURE;
        }
        StatusTable.lines(state, Instant.now(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                AppProcess::healthy, laptopSeenByTheCloud(state)).forEach(out::println);
        out.flush();
        return 0;
    }

    /** The API may be the app that is down: status still answers, and says so. */
    private static String laptopSeenByTheCloud(StackState state) {
        try {
            ApiClient.Response laptop = RunningStack.api(state).get("/api/v1/admin/laptop");
            return laptop.ok() ? StatusTable.cloudView(laptop.json()) : "unknown: the online API answers HTTP " + laptop.status();
        } catch (RuntimeException e) {
            return "unknown: the online API does not answer at " + state.apiUrl();
        }
    }
}
