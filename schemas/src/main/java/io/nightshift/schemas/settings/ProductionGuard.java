package io.nightshift.schemas.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules an application checks at startup when the {@value #PROFILE} profile is active, the same
 * for every app: no demo secret (the admin token, the catalog key, the analysts' and the database's
 * demo passwords, a missing Redis password), no demo convenience switched on, and no plaintext
 * Kafka link to a broker beyond this machine. Each app declares which of its settings are secrets
 * ({@link ProductionSetting}); this class judges them and says which setting to change.
 */
public final class ProductionGuard {

    /** The Spring profile of a real deployment ({@code SPRING_PROFILES_ACTIVE=prod}). */
    public static final String PROFILE = "prod";

    /** Values that ship with the demo, in the repository and the docs: public, hence never a secret. */
    public static final Set<String> DEMO_SECRETS = Set.of("nightshift-demo-token", "nightshift-demo-catalog-key", "analyst", "postgres");

    private ProductionGuard() {
    }

    /**
     * Every rule broken by these settings and this Kafka link, one sentence each naming the
     * setting and its environment variable; empty when production may start.
     *
     * @param kafkaBootstrapServers {@code spring.kafka.bootstrap-servers}; {@code null} for an app without Kafka
     * @param kafkaProtocol         {@code spring.kafka.security.protocol}; blank means PLAINTEXT
     */
    public static List<String> problems(Collection<ProductionSetting> settings, String kafkaBootstrapServers, String kafkaProtocol) {
        List<String> problems = new ArrayList<>();
        for (ProductionSetting setting : settings) {
            problem(setting).ifPresent(problems::add);
        }
        kafkaProblem(kafkaBootstrapServers, kafkaProtocol).ifPresent(problems::add);
        return problems;
    }

    /** Throws a {@link SettingsException} listing every problem, or returns quietly. */
    public static void check(Collection<ProductionSetting> settings, String kafkaBootstrapServers, String kafkaProtocol) {
        List<String> problems = problems(settings, kafkaBootstrapServers, kafkaProtocol);
        if (!problems.isEmpty()) {
            throw new SettingsException("The '" + PROFILE + "' profile is active and " + (problems.size() == 1 ? "one setting is" : problems.size() + " settings are")
                    + " still the demo's: " + String.join(" ", problems)
                    + " (Start without the '" + PROFILE + "' profile to run the demo.)");
        }
    }

    private static Optional<String> problem(ProductionSetting setting) {
        String where = setting.name() + " (" + setting.environmentVariable() + ")";
        return switch (setting.rule()) {
            case SECRET -> {
                List<String> values = setting.values().stream().filter(value -> !value.isBlank()).toList();
                if (values.isEmpty()) {
                    yield Optional.of(where + " is not set: set it to a secret of your own.");
                }
                if (values.stream().anyMatch(DEMO_SECRETS::contains)) {
                    yield Optional.of(where + " is the demo's public value: set it to a secret of your own.");
                }
                yield Optional.empty();
            }
            case DEMO_ONLY -> setting.values().contains("true")
                    ? Optional.of(where + " is on, a demo convenience: set it to false.")
                    : Optional.empty();
        };
    }

    private static Optional<String> kafkaProblem(String bootstrapServers, String protocol) {
        if (bootstrapServers == null) {
            return Optional.empty();
        }
        boolean plaintext = protocol == null || protocol.isBlank() || protocol.trim().equalsIgnoreCase("PLAINTEXT");
        if (!plaintext) {
            return Optional.empty();
        }
        List<String> remote = new ArrayList<>();
        for (String server : bootstrapServers.split(",")) {
            String host = host(server.trim());
            if (!host.isEmpty() && !loopback(host)) {
                remote.add(server.trim());
            }
        }
        if (remote.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("spring.kafka.security.protocol (SPRING_KAFKA_SECURITY_PROTOCOL) is PLAINTEXT but spring.kafka.bootstrap-servers names "
                + String.join(", ", remote) + ", beyond this machine: set it to SASL_SSL with nightshift.kafka.sasl.username and"
                + " nightshift.kafka.sasl.password (SASL_PLAINTEXT only inside a private network).");
    }

    /** {@code host:port}, {@code [::1]:9092} or a bare host. */
    static String host(String server) {
        if (server.startsWith("[")) {
            int end = server.indexOf(']');
            return end < 0 ? server : server.substring(1, end);
        }
        int colon = server.lastIndexOf(':');
        return colon < 0 || server.indexOf(':') != colon ? server : server.substring(0, colon);
    }

    static boolean loopback(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || lower.startsWith("127.") || lower.equals("::1") || lower.equals("0:0:0:0:0:0:0:1");
    }
}
