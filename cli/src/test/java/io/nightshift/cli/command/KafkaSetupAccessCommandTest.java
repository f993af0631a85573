package io.nightshift.cli.command;

import io.nightshift.infra.local.SecureKafkaEndpoint;
import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.schemas.access.KafkaAccess;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ./nightshift kafka setup-access} against a broker with TLS, SCRAM and ACLs, as the owner runs it on the rented server. */
@Timeout(120)
class KafkaSetupAccessCommandTest {

    private static LocalKafka kafka;
    private static SecureKafkaEndpoint endpoint;

    @TempDir
    Path folder;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startSecureBroker() {
        kafka = LocalKafka.startSecure();
        endpoint = kafka.secureEndpoint();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void restoresMissingAclsAndTopicsSetsGeneratedPasswordsAndChangesNothingTheSecondTime() throws Exception {
        String oldLaptopPassword = endpoint.password("laptop");
        String lostTopic = Topics.RECO_RESULTS.deadLetters().name();
        try (Admin admin = Admin.create(endpoint.clientProperties(KafkaAccess.ADMIN))) {
            admin.deleteAcls(List.of(new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(
                    KafkaAccess.LAPTOP.aclPrincipal(), null, AclOperation.ANY, AclPermissionType.ANY)))).all().get(30, TimeUnit.SECONDS);
            admin.deleteTopics(List.of(lostTopic)).all().get(30, TimeUnit.SECONDS);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(lostTopic)) {
                Thread.sleep(100);
            }
        }
        Path passwords = folder.resolve("kafka-passwords");

        int code = run("kafka", "setup-access", "--bootstrap-servers", endpoint.bootstrapServers(),
                "--command-config", adminConfig(KafkaAccess.ADMIN, endpoint.password(KafkaAccess.ADMIN)).toString(),
                "--passwords-dir", passwords.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("user laptop", "(generated now)")
                .contains("ACLs   " + KafkaAccess.LAPTOP.aclBindings().size() + " created")
                .contains("topics 1 created [" + lostTopic + "]")
                .contains("+ User:laptop ALLOW READ topic shop.events.v1", "+ User:laptop ALLOW READ group nightshift-laptop-*")
                .doesNotContain("User:online-api ALLOW");
        String laptopPassword = Files.readString(passwords.resolve("laptop.password")).strip();
        assertThat(laptopPassword).isNotEqualTo(oldLaptopPassword).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Files.getPosixFilePermissions(passwords.resolve("laptop.password")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        // The laptop is back to what the contract allows, with the new password only.
        try (var laptop = producer("laptop", laptopPassword)) {
            assertThat(laptop.send(new ProducerRecord<>(Topics.LAPTOP_HEARTBEAT.name(), "laptop-1", "{}")).get(30, TimeUnit.SECONDS).topic())
                    .isEqualTo(Topics.LAPTOP_HEARTBEAT.name());
        }
        try (Admin stale = Admin.create(endpoint.clientProperties("laptop", oldLaptopPassword))) {
            assertThatThrownBy(() -> stale.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isExactlyInstanceOf(ExecutionException.class).cause().isExactlyInstanceOf(SaslAuthenticationException.class);
        }

        out.getBuffer().setLength(0);
        int again = run("kafka", "setup-access", "--bootstrap-servers", endpoint.bootstrapServers(),
                "--command-config", adminConfig(KafkaAccess.ADMIN, endpoint.password(KafkaAccess.ADMIN)).toString(),
                "--passwords-dir", passwords.toString());

        assertThat(again).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("generated now").contains("ACLs   0 created").contains("topics 0 created")
                .doesNotContain("not in the contract");
        assertThat(Files.readString(passwords.resolve("laptop.password")).strip()).isEqualTo(laptopPassword);
    }

    @Test
    void aWrongAdminPasswordIsRefusedWithASentence() throws IOException {
        int code = run("kafka", "setup-access", "--bootstrap-servers", endpoint.bootstrapServers(),
                "--command-config", adminConfig(KafkaAccess.ADMIN, "wrong-password-0123456789").toString(),
                "--passwords-dir", folder.resolve("p").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("refused the login").doesNotContain("Exception");
    }

    @Test
    void anApplicationsLoginCannotSetUpAccess() throws IOException {
        int code = run("kafka", "setup-access", "--bootstrap-servers", endpoint.bootstrapServers(),
                "--command-config", adminConfig("laptop", endpoint.password("laptop")).toString(),
                "--passwords-dir", folder.resolve("p").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("is not allowed").contains("super.users");
    }

    @Test
    void aMissingCommandConfigSaysWhatItShouldHold() {
        int code = run("kafka", "setup-access", "--bootstrap-servers", endpoint.bootstrapServers(),
                "--command-config", folder.resolve("admin.properties").toString());

        assertThat(code).as("a --command-config that cannot be used is a usage error").isEqualTo(2);
        assertThat(err.toString()).contains("no such file").contains("super user");
    }

    @Test
    void aTrustStoreThatIsNotThereIsNamed() throws IOException {
        Path config = adminConfig(KafkaAccess.ADMIN, endpoint.password(KafkaAccess.ADMIN));
        Files.writeString(config, Files.readString(config).replace(endpoint.trustStore().toString(), "/nowhere/kafka-ca.p12"));

        int code = run("kafka", "setup-access", "--bootstrap-servers", endpoint.bootstrapServers(),
                "--command-config", config.toString(), "--passwords-dir", folder.resolve("p").toString());

        assertThat(code).as("a --command-config that cannot be used is a usage error").isEqualTo(2);
        assertThat(err.toString()).contains("ssl.truststore.location=/nowhere/kafka-ca.p12").contains("no such file");
    }

    /** docs/security.md's admin.properties, filled in as the owner fills it in (the same file kafka-acls.sh takes). */
    private Path adminConfig(String user, String password) throws IOException {
        Matcher block = Pattern.compile("```properties\\n# admin.properties\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "security.md")));
        assertThat(block.find()).as("docs/security.md has the admin.properties block").isTrue();
        String filled = block.group(1)
                .replace("username=\"admin\"", "username=\"" + user + "\"")
                .replace("<admin password>", password)
                .replace("<CA trust store>", endpoint.trustStore().toString())
                .replace("<trust store password>", endpoint.trustStorePassword());
        assertThat(filled).doesNotContain("<");
        Path file = folder.resolve(user + "-" + Integer.toHexString(password.hashCode()) + ".properties");
        Files.writeString(file, filled);
        return file;
    }

    private static KafkaProducer<String, String> producer(String principal, String password) {
        Map<String, Object> p = new HashMap<>(endpoint.clientProperties(principal, password));
        p.put("max.block.ms", 20_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private int run(String... args) {
        CommandLine cli = NightshiftCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }
}
