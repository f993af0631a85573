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
import java.util.Map;
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
        out.println("Nightshift " + state.phase() + " since " + state.startedAt() + " (supervisor pid " + state.supervisorPid() + ")");
        out.println("  api         " + state.apiUrl());
        out.println("  kafka       " + state.kafka() + " (" + server(state.kafkaStatus(), "kafka") + ")");
        out.println("  redis       " + state.redis() + " (" + server(state.redisStatus(), "redis") + ")");
        out.println("  postgresql  " + state.postgres());
        Instant now = Instant.now();
        for (Map.Entry<String, StackState.App> app : state.apps().entrySet()) {
            out.println(AppStatusLine.of(app.getKey(), app.getValue(), now,
                    pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), AppProcess::healthy));
        }
        out.println("  laptop wish " + state.laptop());
        out.println("  laptop seen by the cloud: " + laptopSeenByTheCloud(state));
        out.flush();
        return 0;
    }

    /** Servers, like apps, stay stopped when the owner stopped them; the line says how to bring one back. */
    private static String server(String status, String command) {
        return StackState.STOPPED.equals(status) ? "stopped on purpose; ./nightshift " + command + " start brings it back" : status;
    }

    /** The API may be the app that is down: status still answers, and says so. */
    private static String laptopSeenByTheCloud(StackState state) {
        try {
            ApiClient.Response laptop = RunningStack.api(state).get("/api/v1/admin/laptop");
            return laptop.ok() ? laptop.body() : "HTTP " + laptop.status();
        } catch (RuntimeException e) {
            return "unknown: the online API does not answer at " + state.apiUrl();
        }
    }
}
