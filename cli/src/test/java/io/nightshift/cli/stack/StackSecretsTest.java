package io.nightshift.cli.stack;

import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.SecureKafkaEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The secure stack's secrets: random, in an owner-only file the CLI reads back, handed to each app as a deployment would. */
class StackSecretsTest {

    private static final Map<String, String> KAFKA = Map.of("admin", "a-1", "online-api", "o-2", "streams-processor", "s-3", "laptop", "l-4");

    @Test
    void theFileIsTheOwnersAloneAndReadsBackToTheSameSecrets(@TempDir Path dir) throws IOException {
        StackSecrets secrets = StackSecrets.generate("redis-pw", KAFKA, "kafka-trust", "redis-trust");
        Path file = dir.resolve("run").resolve("secrets.env");
        secrets.writeTo(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(StackSecrets.readFrom(file)).contains(secrets);
        assertThat(Files.readString(file)).contains("NIGHTSHIFT_ADMIN_TOKEN=" + secrets.adminToken(), "KAFKA_PASSWORD_STREAMS_PROCESSOR=s-3");
        assertThat(secrets.kafkaPassword("streams-processor")).isEqualTo("s-3");
        assertThat(StackSecrets.readFrom(dir.resolve("none"))).isEmpty();
    }

    @Test
    void everyStartGeneratesNewSecretsThatAreNotTheDemosAndNeverPrinted() {
        StackSecrets one = StackSecrets.generate("r", KAFKA, "k", "t");
        StackSecrets two = StackSecrets.generate("r", KAFKA, "k", "t");
        assertThat(one.adminToken()).hasSize(48).isNotEqualTo(two.adminToken()).isNotEqualTo("nightshift-demo-token");
        assertThat(one.catalogKey()).isNotEqualTo(two.catalogKey()).isNotEqualTo(one.adminToken());
        assertThat(one.toString()).doesNotContain(one.adminToken(), one.catalogKey(), one.databasePassword(), "l-4");
    }

    @Test
    void eachAppGetsItsOwnKafkaLoginAndOnlyTheSecretsItNeedsAsEnvironmentVariables(@TempDir Path dir) {
        StackSecrets secrets = StackSecrets.generate("redis-pw", KAFKA, "kafka-trust", "redis-trust");
        SecureKafkaEndpoint kafka = new SecureKafkaEndpoint("127.0.0.1:9093", dir.resolve("ca.p12"), "kafka-trust", KAFKA);
        AppLinks links = AppLinks.secure(kafka, new RedisEndpoint("127.0.0.1", 6380), dir.resolve("redis-ca.p12"),
                new PostgresEndpoint("127.0.0.1", 5433, "postgres", "postgres", secrets.databasePassword()), secrets);

        Map<String, String> api = links.environment(StackApp.ONLINE_API);
        assertThat(api).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("NIGHTSHIFT_KAFKA_SASL_USERNAME", "online-api")
                .containsEntry("NIGHTSHIFT_KAFKA_SASL_PASSWORD", "o-2")
                .containsEntry("SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD", "kafka-trust")
                .containsEntry("NIGHTSHIFT_ADMIN_TOKEN", secrets.adminToken())
                .containsEntry("NIGHTSHIFT_CATALOG_API_KEYS", secrets.catalogKey())
                .containsEntry("NIGHTSHIFT_REDIS_PASSWORD", "redis-pw")
                .containsEntry("NIGHTSHIFT_REDIS_TLS", "true")
                .containsEntry("NIGHTSHIFT_REDIS_TRUST_STORE_PASSWORD", "redis-trust")
                .doesNotContainKey("SPRING_DATASOURCE_PASSWORD");
        assertThat(links.environment(StackApp.STREAMS))
                .containsEntry("NIGHTSHIFT_KAFKA_SASL_USERNAME", "streams-processor")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "postgres")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", secrets.databasePassword())
                .containsEntry("NIGHTSHIFT_EVENTLOG_ANALYST_PASSWORD", secrets.analystPassword())
                .doesNotContainKey("NIGHTSHIFT_ADMIN_TOKEN");
        assertThat(links.environment(StackApp.LAPTOP))
                .containsEntry("NIGHTSHIFT_KAFKA_SASL_USERNAME", "laptop")
                .containsEntry("NIGHTSHIFT_KAFKA_SASL_PASSWORD", "l-4")
                .containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                .doesNotContainKeys("NIGHTSHIFT_REDIS_PASSWORD", "SPRING_DATASOURCE_PASSWORD", "NIGHTSHIFT_ADMIN_TOKEN");
        // Arguments show in ps; the secure stack passes none of its settings that way.
        for (StackApp app : StackApp.values()) {
            assertThat(links.arguments(app)).isEmpty();
        }
        assertThat(links.toString()).doesNotContain("o-2", secrets.adminToken(), "redis-pw");
    }
}
