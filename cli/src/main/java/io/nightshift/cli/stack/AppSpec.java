package io.nightshift.cli.stack;

import java.util.List;

/**
 * One application of the platform as the supervisor starts it.
 *
 * @param name   short name used in logs and the state file ({@code online-api}, {@code streams}, {@code laptop})
 * @param module the Maven module that builds its runnable jar
 * @param port   its HTTP port (actuator health at least)
 * @param args   Spring Boot arguments ({@code --key=value})
 * @param heap   its JVM's maximum heap ({@code -Xmx}), e.g. {@code 1g}
 */
public record AppSpec(String name, String module, int port, List<String> args, String heap) {

    /** The cloud applications' heap: their state lives in Kafka, Redis and PostgreSQL, not in memory. */
    public static final String CLOUD_HEAP = "1g";

    public AppSpec(String name, String module, int port, List<String> args) {
        this(name, module, port, args, CLOUD_HEAP);
    }
}
