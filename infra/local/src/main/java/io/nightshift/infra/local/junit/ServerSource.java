package io.nightshift.infra.local.junit;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.infra.local.servers.LocalPostgres;
import io.nightshift.infra.local.servers.LocalRedis;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import io.nightshift.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where test servers come from: Docker containers, or the embedded real binaries. */
enum ServerSource {

    CONTAINERS {
        @Override
        Running<?> kafka() {
            KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"))
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            kafka.start();
            createTopics(kafka.getBootstrapServers());
            return new Running<>(new KafkaEndpoint(kafka.getBootstrapServers()), kafka::stop);
        }

        @Override
        Running<?> redis() {
            GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7.4-alpine")).withExposedPorts(6379);
            redis.start();
            return new Running<>(new RedisEndpoint(redis.getHost(), redis.getMappedPort(6379)), redis::stop);
        }

        @Override
        Running<?> postgres() {
            PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:17-alpine"));
            postgres.start();
            PostgresEndpoint endpoint = new PostgresEndpoint(postgres.getHost(), postgres.getMappedPort(5432),
                    postgres.getDatabaseName(), postgres.getUsername(), postgres.getPassword());
            return new Running<>(endpoint, postgres::stop);
        }
    },

    EMBEDDED {
        @Override
        Running<?> kafka() {
            LocalKafka kafka = LocalKafka.start();
            return new Running<>(kafka.endpoint(), kafka);
        }

        @Override
        Running<?> redis() {
            LocalRedis redis = LocalRedis.start();
            return new Running<>(redis.endpoint(), redis);
        }

        @Override
        Running<?> postgres() {
            LocalPostgres postgres = LocalPostgres.start();
            return new Running<>(postgres.endpoint(), postgres);
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(ServerSource.class);

    abstract Running<?> kafka();

    abstract Running<?> redis();

    abstract Running<?> postgres();

    String describe() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code NIGHTSHIFT_TEST_SERVERS} if set, else containers only when a Docker daemon answers. */
    static ServerSource detect() {
        String forced = System.getenv("NIGHTSHIFT_TEST_SERVERS");
        if (forced != null && !forced.isBlank() && !forced.equalsIgnoreCase("auto")) {
            return valueOf(forced.trim().toUpperCase(Locale.ROOT));
        }
        ServerSource source = dockerAnswers() ? CONTAINERS : EMBEDDED;
        LOG.info("test servers: {}", source.describe());
        return source;
    }

    private static boolean dockerAnswers() {
        // Asking Testcontainers costs a logged ERROR and ~150 ms; without a socket or DOCKER_HOST there is nothing to ask.
        boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        return hint && DockerClientFactory.instance().isDockerAvailable();
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Topics.createMissing(admin);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Nightshift topics", e);
        }
    }
}
