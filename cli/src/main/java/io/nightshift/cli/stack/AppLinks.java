package io.nightshift.cli.stack;

import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.SecureKafkaEndpoint;
import io.nightshift.schemas.access.KafkaAccess;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each application is told about Kafka, Redis and PostgreSQL, and with which secrets. The
 * plaintext demo passes addresses as arguments (its secrets are the public demo values the apps
 * default to). The secure stack passes everything as the environment variables of a deployment
 * (the fixed configuration names, {@code SPRING_PROFILES_ACTIVE=prod} included): the apps then run
 * exactly the settings production gives them, and no password shows in {@code ps}.
 *
 * @param arguments   per app, {@code --key=value} Spring arguments
 * @param environment per app, environment variables
 */
record AppLinks(Map<StackApp, List<String>> arguments, Map<StackApp, Map<String, String>> environment) {

    static final String PROD_PROFILE = "prod";

    AppLinks {
        arguments = Map.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    List<String> arguments(StackApp app) {
        return arguments.getOrDefault(app, List.of());
    }

    Map<String, String> environment(StackApp app) {
        return environment.getOrDefault(app, Map.of());
    }

    /** The demo's links: loopback, no passwords, as they always were. */
    static AppLinks plaintext(String bootstrapServers, RedisEndpoint redis, PostgresEndpoint postgres) {
        List<String> kafka = List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers);
        List<String> redisArgs = List.of("--nightshift.redis.host=" + redis.host(), "--nightshift.redis.port=" + redis.port());
        return new AppLinks(Map.of(
                StackApp.STREAMS, concat(kafka, redisArgs, List.of(
                        "--spring.datasource.url=" + postgres.jdbcUrl(),
                        "--spring.datasource.username=" + postgres.user(),
                        "--spring.datasource.password=" + postgres.password())),
                StackApp.ONLINE_API, concat(kafka, redisArgs),
                StackApp.LAPTOP, kafka), Map.of());
    }

    /**
     * Production's links on this machine: each app logs in to Kafka as its own principal over
     * TLS, to Redis with its password over TLS (trusting the stack's throwaway CA), the streams
     * processor to PostgreSQL with the database password; the online API guards the owner's API
     * with the generated token and the catalog with the generated key.
     *
     * @param redisTrustStore PKCS12 trust store of the CA that signed Redis's certificate
     */
    static AppLinks secure(SecureKafkaEndpoint kafka, RedisEndpoint redis, Path redisTrustStore, PostgresEndpoint postgres,
                           StackSecrets secrets) {
        Map<String, String> redisSettings = new LinkedHashMap<>();
        redisSettings.put("nightshift.redis.host", redis.host());
        redisSettings.put("nightshift.redis.port", Integer.toString(redis.port()));
        redisSettings.put("nightshift.redis.password", secrets.redisPassword());
        redisSettings.put("nightshift.redis.tls", "true");
        redisSettings.put("nightshift.redis.trust-store", redisTrustStore.toString());
        redisSettings.put("nightshift.redis.trust-store-password", secrets.redisTrustStorePassword());

        Map<String, String> streams = settings(kafka, KafkaAccess.STREAMS_PROCESSOR.principal());
        streams.putAll(redisSettings);
        streams.put("spring.datasource.url", postgres.jdbcUrl());
        streams.put("spring.datasource.username", StackSecrets.DATABASE_USER);
        streams.put("spring.datasource.password", secrets.databasePassword());
        streams.put("nightshift.eventlog.analyst-password", secrets.analystPassword());

        Map<String, String> api = settings(kafka, KafkaAccess.ONLINE_API.principal());
        api.putAll(redisSettings);
        api.put("nightshift.admin.token", secrets.adminToken());
        api.put("nightshift.catalog.api-keys", secrets.catalogKey());

        Map<String, String> laptop = settings(kafka, KafkaAccess.LAPTOP.principal());
        return new AppLinks(Map.of(), Map.of(
                StackApp.STREAMS, environmentOf(streams),
                StackApp.ONLINE_API, environmentOf(api),
                StackApp.LAPTOP, environmentOf(laptop)));
    }

    private static Map<String, String> settings(SecureKafkaEndpoint kafka, String principal) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", PROD_PROFILE);
        settings.putAll(kafka.applicationProperties(principal));
        return settings;
    }

    /** {@code spring.kafka.ssl.trust-store-location} → {@code SPRING_KAFKA_SSL_TRUST_STORE_LOCATION}, as docs/configuration.md lists them. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> environmentOf(Map<String, String> properties) {
        Map<String, String> environment = new LinkedHashMap<>();
        properties.forEach((name, value) -> environment.put(variable(name), value));
        return environment;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.stream.Stream.of(parts).flatMap(List::stream).toList();
    }

    /** Passwords stay out of logs and assertion messages. */
    @Override
    public String toString() {
        return "AppLinks[" + arguments + ", environment variables " + environment.values().stream().map(Map::keySet).toList() + "]";
    }
}
