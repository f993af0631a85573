package io.nightshift.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The secrets of a secure local stack ({@code ./nightshift demo --secure}): random at each start,
 * never the demo's public values, so the apps pass the {@code prod} profile's checks as a
 * deployment does. Kept in one owner-only file of {@code NAME=value} lines under the deployment's
 * environment-variable names, so the owner can {@code source} it (or copy a value) and the CLI's
 * own commands read the token and key from it.
 *
 * @param adminToken        {@code NIGHTSHIFT_ADMIN_TOKEN}
 * @param catalogKey        {@code NIGHTSHIFT_CATALOG_API_KEYS}: the shop backend's one key
 * @param redisPassword     {@code NIGHTSHIFT_REDIS_PASSWORD}
 * @param databasePassword  {@code SPRING_DATASOURCE_PASSWORD}: the database owner's, as whom the streams processor
 *                          logs in (its migrations change the analysts' role, which takes the owner)
 * @param analystPassword   {@code NIGHTSHIFT_EVENTLOG_ANALYST_PASSWORD}
 * @param kafkaPasswords    SCRAM password per Kafka principal (the admin's included)
 * @param kafkaTrustStorePassword {@code SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD}: of the trust store with the CA of Kafka's certificate
 * @param redisTrustStorePassword {@code NIGHTSHIFT_REDIS_TRUST_STORE_PASSWORD}: of the one with the CA of Redis's
 */
public record StackSecrets(String adminToken, String catalogKey, String redisPassword, String databasePassword,
                           String analystPassword, Map<String, String> kafkaPasswords, String kafkaTrustStorePassword,
                           String redisTrustStorePassword) {

    /** The database owner, as whom the streams processor logs in. */
    public static final String DATABASE_USER = "postgres";
    /** The analysts' login role, created by the streams processor's migrations. */
    public static final String ANALYST_ROLE = "analyst";

    static final String ADMIN_TOKEN = "NIGHTSHIFT_ADMIN_TOKEN";
    static final String CATALOG_KEY = "NIGHTSHIFT_CATALOG_API_KEYS";
    static final String REDIS_PASSWORD = "NIGHTSHIFT_REDIS_PASSWORD";
    static final String DATABASE_PASSWORD = "SPRING_DATASOURCE_PASSWORD";
    static final String ANALYST_PASSWORD = "NIGHTSHIFT_EVENTLOG_ANALYST_PASSWORD";
    static final String KAFKA_TRUST_STORE_PASSWORD = "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD";
    static final String REDIS_TRUST_STORE_PASSWORD = "NIGHTSHIFT_REDIS_TRUST_STORE_PASSWORD";
    /** Followed by the principal in capitals, dashes as underscores: {@code KAFKA_PASSWORD_LAPTOP}. */
    static final String KAFKA_PASSWORD = "KAFKA_PASSWORD_";

    private static final SecureRandom RANDOM = new SecureRandom();

    public StackSecrets {
        kafkaPasswords = Map.copyOf(kafkaPasswords);
    }

    /**
     * Fresh random secrets around the two the servers already hold: Redis's password (its
     * configuration file is written before it starts) and the Kafka passwords (the broker's,
     * generated when it was formatted).
     */
    public static StackSecrets generate(String redisPassword, Map<String, String> kafkaPasswords, String kafkaTrustStorePassword,
                                        String redisTrustStorePassword) {
        return new StackSecrets(randomSecret(), randomSecret(), redisPassword, randomSecret(), randomSecret(), kafkaPasswords,
                kafkaTrustStorePassword, redisTrustStorePassword);
    }

    public String kafkaPassword(String principal) {
        String password = kafkaPasswords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka principal '" + principal + "' in the stack's secrets; there are "
                    + new TreeMap<>(kafkaPasswords).keySet());
        }
        return password;
    }

    /**
     * Writes the file readable and writable by its owner only: created with those permissions, so
     * no other user can open it even for the instant between creation and a later chmod.
     */
    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, lines(), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the stack's secrets to " + file, e);
        }
    }

    /** The secrets of the file {@link #writeTo} wrote; empty when there is none or it is not one. */
    public static Optional<StackSecrets> readFrom(Path file) {
        if (file == null || !Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
            Map<String, String> kafka = new LinkedHashMap<>();
            values.forEach((name, value) -> {
                if (name.startsWith(KAFKA_PASSWORD)) {
                    kafka.put(name.substring(KAFKA_PASSWORD.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-'), value);
                }
            });
            List<String> required = List.of(ADMIN_TOKEN, CATALOG_KEY, REDIS_PASSWORD, DATABASE_PASSWORD, ANALYST_PASSWORD, KAFKA_TRUST_STORE_PASSWORD,
                    REDIS_TRUST_STORE_PASSWORD);
            if (!values.keySet().containsAll(required)) {
                return Optional.empty();
            }
            return Optional.of(new StackSecrets(values.get(ADMIN_TOKEN), values.get(CATALOG_KEY), values.get(REDIS_PASSWORD),
                    values.get(DATABASE_PASSWORD), values.get(ANALYST_PASSWORD), kafka,
                    values.get(KAFKA_TRUST_STORE_PASSWORD), values.get(REDIS_TRUST_STORE_PASSWORD)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private List<String> lines() {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "# Secrets of the secure local stack (./nightshift demo --secure): random at each start, removed by ./nightshift down.",
                "# Names are the deployment's environment variables; `set -a; . THIS_FILE; set +a` exports them.",
                ADMIN_TOKEN + "=" + adminToken,
                CATALOG_KEY + "=" + catalogKey,
                REDIS_PASSWORD + "=" + redisPassword,
                DATABASE_PASSWORD + "=" + databasePassword,
                ANALYST_PASSWORD + "=" + analystPassword,
                KAFKA_TRUST_STORE_PASSWORD + "=" + kafkaTrustStorePassword,
                REDIS_TRUST_STORE_PASSWORD + "=" + redisTrustStorePassword));
        new TreeMap<>(kafkaPasswords).forEach((principal, password) ->
                lines.add(KAFKA_PASSWORD + principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "=" + password));
        return lines;
    }

    /** 192 random bits in hex: no character a shell, a URL or a configuration file would need quoted. */
    public static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Secrets stay out of logs and assertion messages. */
    @Override
    public String toString() {
        return "StackSecrets[admin token, catalog key, Redis, database and analyst passwords, Kafka principals "
                + new TreeMap<>(kafkaPasswords).keySet() + "]";
    }
}
