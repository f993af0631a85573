package io.nightshift.cli.command;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;

/** The stack that {@code demo} or {@code up} started, as commands from another terminal find it. */
final class RunningStack {

    private RunningStack() {
    }

    static StackState require(StackLayout layout) {
        return StackState.readFrom(layout.stateFile()).filter(StackState::supervisorAlive)
                .orElseThrow(() -> new IllegalStateException("Nightshift is not running; start it with ./nightshift demo (or ./nightshift up)"));
    }

    static ApiClient api(StackState state) {
        return new ApiClient(state.apiUrl(), System.getenv().getOrDefault("NIGHTSHIFT_ADMIN_TOKEN", ApiClient.DEMO_TOKEN));
    }
}
