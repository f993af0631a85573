package io.nightshift.cli.command;

import io.nightshift.infra.local.access.AccessReport;
import io.nightshift.infra.local.access.AccessSetup;
import io.nightshift.schemas.access.KafkaAccess;
import io.nightshift.schemas.access.KafkaGrant;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Prepares a real cluster for Nightshift, as its super user: the applications' SCRAM users, the
 * ACLs of the access contract ({@link KafkaAccess}) and the topics. The applications may not
 * create topics on such a cluster, so this runs once before they start, and again after an
 * upgrade that adds a topic or a right; it changes nothing that is already as it should be.
 */
@Command(name = "setup-access", mixinStandardHelpOptions = true,
        description = {"Create the apps' Kafka users, ACLs and topics on a cluster.",
                "The applications' SCRAM-SHA-512 users, their ACLs and the Nightshift topics, created"
                + " logged in as the cluster's super user (see docs/security.md). Safe to run again."})
final class KafkaSetupAccessCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
            description = "The cluster's SASL_SSL listener, e.g. kafka.example.com:9093.")
    String bootstrapServers;

    @Option(names = "--command-config", required = true, paramLabel = "FILE",
            description = "Kafka client properties that log in as the super user (security.protocol, sasl.mechanism,"
                    + " sasl.jaas.config, ssl.truststore.*), the same file kafka-acls.sh takes.")
    Path commandConfig;

    @Option(names = "--passwords-dir", defaultValue = "kafka-passwords", paramLabel = "DIR",
            description = "<principal>.password per application: used when present, generated (readable by you only) when not."
                    + " Default: ${DEFAULT-VALUE}.")
    Path passwordsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> admin = adminProperties();
        PasswordFiles passwords = PasswordFiles.in(passwordsDir);
        Map<String, String> byPrincipal = new HashMap<>();
        for (KafkaGrant grant : KafkaAccess.grants()) {
            byPrincipal.put(grant.principal(), passwords.readOrCreate(grant.principal()));
        }
        AccessReport report;
        try (Admin client = connect(admin)) {
            report = AccessSetup.apply(client, byPrincipal);
        } catch (ExecutionException e) {
            throw new IllegalStateException(explain(e.getCause()), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(timedOut(), e);
        }
        print(report, passwords);
        return 0;
    }

    private Admin connect(Map<String, Object> properties) {
        try {
            return Admin.create(properties);
        } catch (KafkaException e) {
            Throwable root = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("--command-config " + commandConfig + " does not make a Kafka client: " + root.getMessage(), e);
        }
    }

    private Map<String, Object> adminProperties() throws IOException {
        if (!Files.isRegularFile(commandConfig)) {
            throw new IllegalArgumentException("--command-config " + commandConfig + ": no such file; it holds the super user's"
                    + " client properties (see docs/security.md)");
        }
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(commandConfig)) {
            file.load(reader);
        }
        Map<String, Object> properties = new HashMap<>();
        file.stringPropertyNames().forEach(name -> properties.put(name, file.getProperty(name)));
        for (String store : new String[]{"ssl.truststore.location", "ssl.keystore.location"}) {
            Object location = properties.get(store);
            if (location != null && !Files.isRegularFile(Path.of(location.toString()))) {
                throw new IllegalArgumentException(store + "=" + location + " in " + commandConfig + ": no such file");
            }
        }
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        properties.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return properties;
    }

    /** {@code User:laptop READ topic shop.events.v1}; a prefix ends in {@code *}, as kafka-acls.sh's --resource-pattern-type prefixed. */
    static String describe(AclBinding binding) {
        String name = binding.pattern().name() + (binding.pattern().patternType() == PatternType.PREFIXED ? "*" : "");
        return binding.entry().principal() + " " + binding.entry().permissionType() + " " + binding.entry().operation() + " "
                + binding.pattern().resourceType().name().toLowerCase(Locale.ROOT) + " " + name;
    }

    private String timedOut() {
        return "Kafka at " + bootstrapServers + " did not answer in time; check the address, the port (the SASL_SSL listener),"
                + " the firewall and security.protocol in " + commandConfig;
    }

    private String explain(Throwable cause) {
        return switch (cause) {
            case AuthenticationException e -> "Kafka at " + bootstrapServers + " refused the login in " + commandConfig
                    + " (" + e.getMessage() + "); check the user and password in sasl.jaas.config and the trust store";
            case AuthorizationException e -> "the user in " + commandConfig + " is not allowed to (" + e.getMessage()
                    + "); it must be one of the broker's super.users, e.g. User:" + KafkaAccess.ADMIN;
            case org.apache.kafka.common.errors.TimeoutException e -> timedOut();
            case KafkaException e -> "Kafka at " + bootstrapServers + ": " + e.getMessage();
            default -> String.valueOf(cause);
        };
    }

    private void print(AccessReport report, PasswordFiles passwords) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Kafka at " + bootstrapServers + ", as the super user in " + commandConfig + ":");
        for (KafkaGrant grant : KafkaAccess.grants()) {
            out.printf("  user %-18s SCRAM-SHA-512 password from %s%s%n", grant.principal(), passwords.file(grant.principal()),
                    passwords.generated().contains(grant.principal()) ? " (generated now)" : "");
        }
        out.printf("  ACLs   %d created, %d already there%n", report.aclsCreated().size(), report.aclsPresent());
        report.aclsCreated().forEach(binding -> out.println("         + " + describe(binding)));
        if (!report.aclsBeyond().isEmpty()) {
            out.printf("  ACLs   %d of the applications' principals are not in the contract and were kept; remove them with kafka-acls.sh if unintended:%n",
                    report.aclsBeyond().size());
            report.aclsBeyond().forEach(binding -> out.println("         ? " + describe(binding)));
        }
        out.printf("  topics %d created%s, %d already there%n", report.topicsCreated().size(),
                report.topicsCreated().isEmpty() ? "" : " " + report.topicsCreated(), report.topicsPresent());
        out.println("Give each application its user and password (NIGHTSHIFT_KAFKA_SASL_USERNAME, NIGHTSHIFT_KAFKA_SASL_PASSWORD) and the"
                + " cluster's CA trust store; the laptop's password is in " + passwords.file("laptop") + ".");
        out.flush();
    }
}
