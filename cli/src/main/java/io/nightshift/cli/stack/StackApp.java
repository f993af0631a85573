package io.nightshift.cli.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The three applications a stack runs. The owner names them by module ({@code ./nightshift
 * restart streams-processor}); the state file and the logs use the short key ({@code streams},
 * {@code logs/streams.log}), which the CLI accepts too.
 *
 * @param key    the name in the state file, the logs and the supervisor's messages
 * @param module the Maven module that builds its jar, and the name the owner uses
 */
public enum StackApp {
    STREAMS("streams", "streams-processor"),
    ONLINE_API("online-api", "online-api"),
    LAPTOP("laptop", "batch-jobs");

    private final String key;
    private final String module;

    StackApp(String key, String module) {
        this.key = key;
        this.module = module;
    }

    public String key() {
        return key;
    }

    public String module() {
        return module;
    }

    /** By module name or key, e.g. {@code batch-jobs} or {@code laptop}. */
    public static Optional<StackApp> named(String name) {
        return Arrays.stream(values()).filter(app -> app.module.equals(name) || app.key.equals(name)).findFirst();
    }

    /** What {@link #named} accepts, for error messages: {@code online-api, streams-processor (streams), …}. */
    public static String choices() {
        return String.join(", ", List.of(ONLINE_API, STREAMS, LAPTOP).stream()
                .map(app -> app.module.equals(app.key) ? app.module : app.module + " (or " + app.key + ")").toList());
    }
}
