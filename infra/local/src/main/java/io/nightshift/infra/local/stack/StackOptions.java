package io.nightshift.infra.local.stack;

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
 */
public record StackOptions(int apiPort, boolean seedDemo, List<String> apiArguments, Duration appStartTimeout) {

    public StackOptions {
        apiArguments = apiArguments == null ? List.of() : List.copyOf(apiArguments);
        appStartTimeout = appStartTimeout == null ? Stack.APP_START_TIMEOUT : appStartTimeout;
    }

    public StackOptions(int apiPort, boolean seedDemo, List<String> apiArguments) {
        this(apiPort, seedDemo, apiArguments, Stack.APP_START_TIMEOUT);
    }

    public StackOptions(int apiPort, boolean seedDemo) {
        this(apiPort, seedDemo, List.of(), Stack.APP_START_TIMEOUT);
    }
}
