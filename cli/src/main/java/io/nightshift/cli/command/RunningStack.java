package io.nightshift.cli.command;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackSecrets;
import io.nightshift.cli.stack.StackState;

/** The stack that {@code demo} or {@code up} started, as commands from another terminal find it. */
final class RunningStack {

    private RunningStack() {
    }

    static StackState require(StackLayout layout) {
        return StackState.readFrom(layout.stateFile()).filter(StackState::supervisorAlive)
                .orElseThrow(() -> new IllegalStateException("Nightshift is not running; start it with ./nightshift demo (or ./nightshift up)"));
    }

    /**
     * The API as the stack's owner: a secure stack's generated token and catalog key (its secrets
     * file is the truth for that stack, whatever the shell exports); for the demo's,
     * {@code NIGHTSHIFT_ADMIN_TOKEN} or the demo token, as before.
     */
    static ApiClient api(StackState state) {
        return state.secureSecrets()
                .map(secrets -> new ApiClient(state.apiUrl(), secrets.adminToken(), secrets.catalogKey()))
                .orElseGet(() -> new ApiClient(state.apiUrl(), adminToken(state)));
    }

    /** The owner's token for this stack's API, as {@link #api} chooses it. */
    static String adminToken(StackState state) {
        return state.secureSecrets().map(StackSecrets::adminToken)
                .orElseGet(() -> System.getenv().getOrDefault("NIGHTSHIFT_ADMIN_TOKEN", ApiClient.DEMO_TOKEN));
    }
}
