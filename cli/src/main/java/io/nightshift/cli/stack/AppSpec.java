package io.nightshift.cli.stack;

import java.util.List;
import java.util.Map;

/**
 * One application of the platform as the supervisor starts it.
 *
 * @param name   short name used in logs and the state file ({@code online-api}, {@code streams}, {@code laptop})
 * @param module the Maven module that builds its runnable jar
 * @param port   its HTTP port (actuator health at least)
 * @param args   Spring Boot arguments ({@code --key=value})
 * @param heap   its JVM's maximum heap ({@code -Xmx}), e.g. {@code 1g}
 * @param environment settings passed as environment variables, as a deployment passes secrets: unlike
 *                    arguments, no other user of the machine can read them ({@code ps} shows arguments)
 */
public record AppSpec(String name, String module, int port, List<String> args, String heap, Map<String, String> environment) {

    public AppSpec {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public AppSpec(String name, String module, int port, List<String> args, String heap) {
        this(name, module, port, args, heap, Map.of());
    }

    /** The cloud applications' heap: their state lives in Kafka, Redis and PostgreSQL, not in memory. */
    public static final String CLOUD_HEAP = "1g";

    public AppSpec(String name, String module, int port, List<String> args) {
        this(name, module, port, args, CLOUD_HEAP);
    }
}
