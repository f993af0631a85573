package io.nightshift.deploy;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * kafka/make-certificates.sh and kafka/start.sh as compose.yaml and kafka.service run them, against Apache Kafka's
 * own classes in place of the tarball's bin/ scripts: a real broker formatted and started by the script, an admin
 * over the internal listener, the laptop over TLS.
 */
class KafkaScriptsTest {

    static final Path KAFKA_SCRIPTS = AppJar.deployFolder().resolve("kafka");
    static final String KEYSTORE_PASSWORD = "keystore0secret";
    static final String TRUSTSTORE_PASSWORD = "truststore0secret";
    static final String ADMIN_PASSWORD = "admin0secret";

    @TempDir
    Path tmp;

    @Test
    void theCertificateScriptMakesABrokerKeyForTheHostSignedByTheCaTheLaptopTrusts() throws Exception {
        Path secrets = makeCertificates("kafka.example.com");

        KeyStore broker = load(secrets.resolve("kafka.p12"), KEYSTORE_PASSWORD);
        KeyStore trust = load(secrets.resolve("kafka-ca.p12"), TRUSTSTORE_PASSWORD);
        X509Certificate leaf = (X509Certificate) broker.getCertificate("kafka");
        X509Certificate ca = (X509Certificate) trust.getCertificate("nightshift-kafka-ca");
        leaf.verify(ca.getPublicKey());
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, "kafka.example.com"));
        assertThat(broker.isKeyEntry("kafka")).isTrue();
        assertThat(trust.isKeyEntry("nightshift-kafka-ca")).as("the laptop gets no private key").isFalse();
        assertThat(Files.getPosixFilePermissions(secrets.resolve("ca-key.p12"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theCertificateScriptNeverOverwritesExistingKeys() throws IOException {
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Files.writeString(secrets.resolve("kafka.p12"), "the broker's key in use");
        ExternalCommand again = ExternalCommand.run(tmp, certificateEnvironment(),
                List.of("bash", KAFKA_SCRIPTS.resolve("make-certificates.sh").toString(), "127.0.0.1", secrets.toString()));
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("exists; move it away");
        assertThat(Files.readString(secrets.resolve("kafka.p12"))).isEqualTo("the broker's key in use");
        assertThat(secrets.resolve("ca-key.p12")).doesNotExist();
    }

    @Test
    void theClusterIdScriptPrintsIdsKafkaAcceptsNeverBeginningWithADash() {
        // One id in 128 would begin with "-" if the script did not prevent it: 300 tries find a regression almost surely.
        ExternalCommand run = ExternalCommand.run(tmp, Map.of(), List.of("bash", "-c",
                "for i in $(seq 300); do bash '" + KAFKA_SCRIPTS.resolve("cluster-id.sh") + "'; done"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.output().lines()).hasSize(300).allSatisfy(id -> {
            assertThat(id).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
            assertThat(org.apache.kafka.common.Uuid.fromString(id).toString()).isEqualTo(id);
        });
    }

    @Test
    void theStartScriptRunsABrokerWhereOnlyAuthenticatedAndAllowedPrincipalsGetIn() throws Exception {
        Path secrets = makeCertificates("localhost");
        int controller = freePort();
        int internal = freePort();
        int external = freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_HOME", fakeKafkaHome().toString(),
                // An id that begins with "-" (older ids, or made elsewhere) must reach the storage tool as an id.
                "KAFKA_CLUSTER_ID", "-" + clusterId().substring(1),
                "KAFKA_PUBLIC_HOST", "localhost",
                "KAFKA_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "KAFKA_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD,
                "KAFKA_KEYSTORE", secrets.resolve("kafka.p12").toString(),
                "KAFKA_CONFIG", tmp.resolve("server.properties").toString(),
                "KAFKA_ADMIN_CONFIG", tmp.resolve("admin.properties").toString(),
                "KAFKA_DATA_DIR", tmp.resolve("data").toString(),
                "KAFKA_INTERNAL_HOST", "127.0.0.1"));
        env.putAll(Map.of("KAFKA_INTERNAL_BIND", "127.0.0.1", "KAFKA_EXTERNAL_BIND", "127.0.0.1",
                "KAFKA_CONTROLLER_PORT", String.valueOf(controller), "KAFKA_INTERNAL_PORT", String.valueOf(internal),
                "KAFKA_EXTERNAL_PORT", String.valueOf(external)));
        ProcessBuilder builder = new ProcessBuilder("bash", KAFKA_SCRIPTS.resolve("start.sh").toString())
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("kafka.log").toFile());
        builder.environment().putAll(env);
        Process kafka = builder.start();
        try {
            awaitPort(internal, kafka);

            try (Admin admin = Admin.create(internalClient("admin", ADMIN_PASSWORD, internal))) {
                admin.createTopics(List.of(new NewTopic("shop.events.v1", 1, (short) 1), new NewTopic("reco.results.v1", 1, (short) 1)))
                        .all().get(60, TimeUnit.SECONDS);
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("laptop",
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "laptop0secret"))).all().get(60, TimeUnit.SECONDS);
                admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "reco.results.v1", PatternType.LITERAL),
                        new AccessControlEntry("User:laptop", "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW)))).all().get(60, TimeUnit.SECONDS);
            }

            try (Admin laptop = Admin.create(externalClient("laptop", "laptop0secret", external, secrets))) {
                // Over TLS with the CA from make-certificates.sh: allowed where an ACL says so, denied elsewhere.
                assertThat(laptop.describeTopics(List.of("reco.results.v1")).allTopicNames().get(60, TimeUnit.SECONDS))
                        .containsOnlyKeys("reco.results.v1");
                assertThatThrownBy(() -> laptop.describeTopics(List.of("shop.events.v1")).allTopicNames().get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            try (Admin impostor = Admin.create(externalClient("laptop", "wrong0password", external, secrets))) {
                assertThatThrownBy(() -> impostor.listTopics().names().get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        } finally {
            kafka.destroy();
            if (!kafka.waitFor(30, TimeUnit.SECONDS)) {
                kafka.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Path makeCertificates(String host) throws IOException {
        Path secrets = tmp.resolve("secrets");
        ExternalCommand run = ExternalCommand.run(tmp, certificateEnvironment(),
                List.of("bash", KAFKA_SCRIPTS.resolve("make-certificates.sh").toString(), host, secrets.toString()));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return secrets;
    }

    private static Map<String, String> certificateEnvironment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"),
                "KAFKA_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD, "KAFKA_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
    }

    private String clusterId() {
        ExternalCommand run = ExternalCommand.run(tmp, Map.of(), List.of("bash", KAFKA_SCRIPTS.resolve("cluster-id.sh").toString()));
        assertThat(run.exitCode()).isZero();
        return run.output().strip();
    }

    /** bin/kafka-storage.sh and bin/kafka-server-start.sh of the tarball, as the same Kafka classes on this JVM's class path. */
    private Path fakeKafkaHome() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("kafka/bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        writeScript(bin.resolve("kafka-storage.sh"), "exec '" + java + "' -Xmx256m -cp '" + classpath + "' kafka.tools.StorageTool \"$@\"");
        writeScript(bin.resolve("kafka-server-start.sh"), "exec '" + java + "' -Xmx512m -cp '" + classpath + "' kafka.Kafka \"$@\"");
        return bin.getParent();
    }

    private static void writeScript(Path path, String line) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + line + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Properties internalClient(String user, String password, int port) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        sasl(p, user, password);
        return p;
    }

    private Properties externalClient(String user, String password, int port, Path secrets) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, secrets.resolve("kafka-ca.p12").toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, TRUSTSTORE_PASSWORD);
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        sasl(p, user, password);
        return p;
    }

    private static void sasl(Properties p, String user, String password) {
        p.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "30000");
    }

    private void awaitPort(int port, Process kafka) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!kafka.isAlive()) {
                throw new AssertionError("start.sh exited with " + kafka.exitValue() + ":\n" + Files.readString(tmp.resolve("kafka.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("Kafka did not listen on " + port + " in 90 s:\n" + Files.readString(tmp.resolve("kafka.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(file.toFile())) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

}
