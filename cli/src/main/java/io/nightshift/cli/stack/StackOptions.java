package io.nightshift.cli.stack;

import java.time.Duration;
import java.util.List;

/**
 * How to start a local stack.
 *
 * @param apiPort         the online API's port (storefront, console, API)
 * @param seedDemo        whether to load the demo shop and run a first batch
 * @param apiArguments    extra {@code --key=value} arguments for the online API, after the stack's own (do not
 *                        repeat one of those: Spring would see both values), e.g. {@code --nightshift.rate-limit.enabled=false}
 *                        for an evaluation that queries from one address faster than a shopper would
 * @param appStartTimeout how long each application may take to report healthy (a loaded machine needs more)
 * @param laptopArguments extra {@code --key=value} arguments for the laptop's batch jobs, e.g. a shorter model-selection
 *                        budget for an evaluation that must finish within minutes
 * @param secure          production's links and settings on this machine ({@code --secure}): Kafka over TLS with a
 *                        SCRAM login per app and ACLs, Redis and PostgreSQL with passwords, the {@code prod} profile,
 *                        generated secrets ({@link StackSecrets})
 */
public record StackOptions(int apiPort, boolean seedDemo, List<String> apiArguments, Duration appStartTimeout,
                           List<String> laptopArguments, boolean secure) {

    public StackOptions {
        apiArguments = apiArguments == null ? List.of() : List.copyOf(apiArguments);
        appStartTimeout = appStartTimeout == null ? Stack.APP_START_TIMEOUT : appStartTimeout;
        laptopArguments = laptopArguments == null ? List.of() : List.copyOf(laptopArguments);
    }

    public StackOptions(int apiPort, boolean seedDemo, List<String> apiArguments, Duration appStartTimeout,
                        List<String> laptopArguments) {
        this(apiPort, seedDemo, apiArguments, appStartTimeout, laptopArguments, false);
    }

    public StackOptions(int apiPort, boolean seedDemo, List<String> apiArguments, Duration appStartTimeout) {
        this(apiPort, seedDemo, apiArguments, appStartTimeout, List.of());
    }

    public StackOptions(int apiPort, boolean seedDemo, List<String> apiArguments) {
        this(apiPort, seedDemo, apiArguments, Stack.APP_START_TIMEOUT);
    }

    public StackOptions(int apiPort, boolean seedDemo) {
        this(apiPort, seedDemo, List.of(), Stack.APP_START_TIMEOUT);
    }

    /** The same stack in secure mode. */
    public StackOptions secured() {
        return new StackOptions(apiPort, seedDemo, apiArguments, appStartTimeout, laptopArguments, true);
    }
}
