package io.nightshift.infra.local.cli;

import io.nightshift.infra.local.demo.ApiClient;
import io.nightshift.infra.local.stack.StackLayout;
import io.nightshift.infra.local.stack.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

/** The owner's "run now": a control event the laptop follows when it is (or comes back) online. */
@Command(name = "batch", description = "Batch jobs on the laptop: `batch run` asks for a nightly run now.")
final class BatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "run", description = "run")
    String action;

    @Override
    public Integer call() {
        if (!"run".equals(action)) {
            throw new IllegalArgumentException("unknown batch action '" + action + "'; try: ./nightshift batch run");
        }
        StackState state = RunningStack.require(StackLayout.discover());
        ApiClient.Response response = RunningStack.api(state).post("/api/v1/admin/runs", Map.of());
        if (!response.ok()) {
            throw new IllegalStateException("the API refused the run request (HTTP " + response.status() + "): " + response.body());
        }
        System.out.println("Run requested: " + response.body());
        System.out.println("Follow it with: curl -H 'Authorization: Bearer " + ApiClient.DEMO_TOKEN + "' " + state.apiUrl() + "/api/v1/admin/runs");
        return 0;
    }
}
