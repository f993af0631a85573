package io.nightshift.infra.local.servers;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.SecureKafkaEndpoint;
import io.nightshift.infra.local.access.AccessSetup;
import io.nightshift.schemas.access.KafkaAccess;
import io.nightshift.schemas.topic.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real single-node Kafka (KRaft, combined broker and controller, the server from the Kafka
 * jar) on fixed loopback ports, its log in a temporary folder that {@link #close()} removes.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the ports and the log, so clients configured
 * with the address reconnect by themselves and nothing written before the outage is lost:
 * outage tests see exactly what a broker restart in production looks like.
 *
 * <p>Configured for exactly-once Kafka Streams on one broker: without the two
 * {@code transaction.state.log.*} settings, transactional producers never initialise.
 *
 * <p>{@link #startSecure()} starts it as production runs it: TLS and SASL/SCRAM-SHA-512 on the
 * client listener, ACLs from the access contract ({@link KafkaSecurity}, {@link AccessSetup}).
 */
public final class LocalKafka implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";

    static {
        // The broker calls Exit on fatal errors; in a shared JVM (tests, the supervisor) that must not end the process.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit (" + code + "): " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to halt (" + code + "): " + message);
        });
    }

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    /** Null in the default plaintext mode. */
    private final KafkaSecurity security;
    private KafkaRaftServer server;

    private LocalKafka(int port, int controllerPort, Path logDir, KafkaSecurity security) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.security = security;
    }

    /** Starts a broker on free ports with every Nightshift topic and dead-letter topic created. */
    public static LocalKafka start() {
        return start(false);
    }

    /**
     * Starts a broker that only speaks SASL_SSL (SCRAM-SHA-512) to clients, behind the standard
     * authorizer with no access without an ACL: a throwaway CA signs its certificate, the three
     * application principals get random passwords and exactly the contract's ACLs, and the admin
     * creates the topics. {@link #secureEndpoint()} says how to log in.
     */
    public static LocalKafka startSecure() {
        return start(true, null);
    }

    /**
     * The same with the certificates written into {@code tlsFolder} (created if needed), where
     * whoever runs the broker keeps them; they are not removed by {@link #close()}.
     */
    public static LocalKafka startSecure(Path tlsFolder) {
        return start(true, tlsFolder);
    }

    private static LocalKafka start(boolean secure) {
        return start(secure, null);
    }

    private static LocalKafka start(boolean secure, Path tlsFolder) {
        Path root;
        try {
            root = Files.createDirectories(Files.createTempDirectory("nightshift-kafka-").resolve("log")).getParent();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for the Kafka log", e);
        }
        // By default the certificates live beside the log (its folder holds only partition folders) and go with it.
        KafkaSecurity security = secure ? KafkaSecurity.create(tlsFolder != null ? tlsFolder : root.resolve("tls")) : null;
        LocalKafka kafka = new LocalKafka(FreePorts.next(), FreePorts.next(), root.resolve("log"), security);
        kafka.format();
        kafka.boot();
        kafka.prepare();
        return kafka;
    }

    public KafkaEndpoint endpoint() {
        return new KafkaEndpoint("127.0.0.1:" + port);
    }

    /** How to log in to a broker started by {@link #startSecure()}. */
    public SecureKafkaEndpoint secureEndpoint() {
        if (security == null) {
            throw new IllegalStateException("this broker runs in plaintext mode; start it with LocalKafka.startSecure()");
        }
        return security.endpoint(endpoint().bootstrapServers());
    }

    public boolean isSecure() {
        return security != null;
    }

    /** Stops the broker, keeping its log; clients see it as unreachable until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same ports with the same log. */
    public synchronized void restart() {
        if (server == null) {
            boot();
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker and deletes its log. */
    @Override
    public void close() {
        stop();
        ScratchFolders.delete(logDir.getParent());
    }

    private void format() {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setScramArguments(security == null ? List.of() : security.scramArguments())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format the Kafka log in " + logDir, e);
        }
    }

    private synchronized void boot() {
        KafkaRaftServer created = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties()), Time.SYSTEM);
        created.startup();
        server = created;
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", CONTROLLER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.cleaner.dedupe.buffer.size", "2097152"),
                Map.entry("log.segment.bytes", "16777216")));
        if (security != null) {
            p.putAll(security.brokerProperties(port, controllerPort, CONTROLLER));
        }
        return p;
    }

    /** Topics on any broker; on a secure one first the application users and their ACLs, as the admin. */
    private void prepare() {
        Map<String, Object> adminProperties = security == null
                ? Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint().bootstrapServers())
                : secureEndpoint().clientProperties(KafkaAccess.ADMIN);
        try (Admin admin = Admin.create(adminProperties)) {
            if (security != null) {
                AccessSetup.apply(admin, security.passwords());
            }
            Topics.createMissing(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException(security == null ? "could not create the Nightshift topics"
                    : "could not create the Nightshift users, ACLs and topics", e);
        }
    }
}
