package io.nightshift.infra.local.servers;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) on a loopback port chosen by
 * the OS, its logs in a temporary folder that {@link #close()} removes, every Nightshift topic
 * created.
 *
 * <p>Configured for exactly-once Kafka Streams on one broker: without the two
 * {@code transaction.state.log.*} settings, transactional producers never initialise.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Map<String, String> BROKER_PROPERTIES = Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false");

    private EmbeddedKafkaKraftBroker broker;

    private LocalKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker with every Nightshift topic and dead-letter topic created. */
    public static LocalKafka start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(BROKER_PROPERTIES);
        broker.afterPropertiesSet();
        LocalKafka kafka = new LocalKafka(broker);
        kafka.createTopics();
        return kafka;
    }

    public KafkaEndpoint endpoint() {
        return new KafkaEndpoint(broker.getBrokersAsString());
    }

    /** Stops the broker and deletes its logs; clients see it as unreachable from then on. */
    public synchronized void stop() {
        if (broker != null) {
            broker.destroy();
            broker = null;
        }
    }

    public synchronized boolean isRunning() {
        return broker != null;
    }

    @Override
    public void close() {
        stop();
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Topics.createMissing(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Nightshift topics", e);
        }
    }
}
