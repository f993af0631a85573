package io.nightshift.infra.local.cli;

import io.nightshift.infra.local.demo.ApiClient;
import io.nightshift.infra.local.stack.StackLayout;
import io.nightshift.infra.local.stack.StackState;
import picocli.CommandLine.Command;

import java.util.Map;
import java.util.concurrent.Callable;

/** What runs, where, and how the laptop is doing (as the cloud sees it, from heartbeats). */
@Command(name = "status", description = "Show the running stack: processes, URLs, Redis and Kafka up or stopped, the laptop's state.")
final class StatusCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        StackLayout layout = StackLayout.discover();
        StackState state = StackState.readFrom(layout.stateFile()).filter(StackState::supervisorAlive).orElse(null);
        if (state == null) {
            System.out.println("Nightshift is not running. Start it with ./nightshift demo");
            return 3;
        }
        System.out.println("Nightshift " + state.phase() + " since " + state.startedAt() + " (supervisor pid " + state.supervisorPid() + ")");
        System.out.println("  api         " + state.apiUrl());
        System.out.println("  kafka       " + state.kafka() + " (" + state.kafkaStatus() + ")");
        System.out.println("  redis       " + state.redis() + " (" + state.redisStatus() + ")");
        System.out.println("  postgresql  " + state.postgres());
        for (Map.Entry<String, StackState.App> app : state.apps().entrySet()) {
            boolean alive = ProcessHandle.of(app.getValue().pid()).map(ProcessHandle::isAlive).orElse(false);
            System.out.printf("  %-11s %s (pid %d, port %d)%n", app.getKey(), alive ? "running" : "stopped",
                    app.getValue().pid(), app.getValue().port());
        }
        System.out.println("  laptop wish " + state.laptop());
        ApiClient.Response laptop = RunningStack.api(state).get("/api/v1/admin/laptop");
        System.out.println("  laptop seen by the cloud: " + (laptop.ok() ? laptop.body() : "HTTP " + laptop.status()));
        return 0;
    }
}
