package io.nightshift.deploy;

import java.util.Map;
import java.util.Set;

/**
 * Settings the deployment files already use by their fixed names (docs/configuration.md) while the work that binds
 * them in the apps (Kafka SASL, Redis AUTH) lands on its own branch. {@link AwaitingMergeTest} fails as soon as an
 * entry here is bound, so this list shrinks to nothing and is then deleted; it can never hide a typo for long.
 */
final class AwaitingMerge {

    static final Map<String, Set<String>> VARIABLES = Map.of(
            "online-api", Set.of("NIGHTSHIFT_KAFKA_SASL_MECHANISM", "NIGHTSHIFT_KAFKA_SASL_USERNAME",
                    "NIGHTSHIFT_KAFKA_SASL_PASSWORD", "NIGHTSHIFT_REDIS_PASSWORD"),
            "streams-processor", Set.of("SPRING_KAFKA_SECURITY_PROTOCOL",
                    "NIGHTSHIFT_KAFKA_SASL_MECHANISM", "NIGHTSHIFT_KAFKA_SASL_USERNAME",
                    "NIGHTSHIFT_KAFKA_SASL_PASSWORD", "NIGHTSHIFT_REDIS_PASSWORD"),
            "batch-jobs", Set.of("NIGHTSHIFT_KAFKA_SASL_MECHANISM", "NIGHTSHIFT_KAFKA_SASL_USERNAME",
                    "NIGHTSHIFT_KAFKA_SASL_PASSWORD"));

    private AwaitingMerge() {
    }

    /** The same, as keys of a properties file (the laptop's). */
    static boolean keyNotYetBound(String app, String key) {
        return variableNotYetBound(app, key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
    }

    static boolean variableNotYetBound(String app, String variable) {
        return VARIABLES.getOrDefault(app, Set.of()).contains(variable);
    }
}
