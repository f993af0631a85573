package io.nightshift.infra.local.servers;

import io.nightshift.infra.local.SecureKafkaEndpoint;
import io.nightshift.schemas.access.KafkaAccess;
import io.nightshift.schemas.access.KafkaGrant;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The secure mode of {@link LocalKafka}: what production runs, on loopback. The client listener
 * speaks SASL_SSL with SCRAM-SHA-512 (the broker's certificate from a {@link ThrowawayCa}); the
 * authorizer is KRaft's StandardAuthorizer and denies what no ACL allows.
 *
 * <p>The broker talks to itself (transaction markers) over that listener as {@code admin}, whose
 * credential is written at format time since no user exists before the first start. The
 * controller listener stays PLAINTEXT on loopback, so the broker's registration with its own
 * controller arrives as {@code User:ANONYMOUS}: that is the broker's principal in
 * {@code super.users}. Whoever can reach the controller port is thus a super user, which is why
 * it must never leave the machine (in production too).
 *
 * @param ca        the certificates
 * @param passwords SCRAM password per principal, the admin's included
 */
record KafkaSecurity(ThrowawayCa ca, Map<String, String> passwords) {

    static final String LISTENER = "SASL_SSL";
    /** The controller listener's principal: the broker itself, as seen by its controller. */
    static final String BROKER_PRINCIPAL = "User:ANONYMOUS";

    private static final SecureRandom RANDOM = new SecureRandom();

    static KafkaSecurity create(Path folder) {
        Map<String, String> passwords = new HashMap<>();
        passwords.put(KafkaAccess.ADMIN, randomPassword());
        for (KafkaGrant grant : KafkaAccess.grants()) {
            passwords.put(grant.principal(), randomPassword());
        }
        return new KafkaSecurity(ThrowawayCa.issue(folder), Map.copyOf(passwords));
    }

    /** The admin's credential for the formatter: the one user that must exist before the broker starts. */
    List<String> scramArguments() {
        return List.of(KafkaAccess.MECHANISM + "=[name=" + KafkaAccess.ADMIN + ",password=" + passwords.get(KafkaAccess.ADMIN) + "]");
    }

    /** The settings that replace the plaintext client listener by the SASL_SSL one and add the authorizer. */
    Map<String, String> brokerProperties(int port, int controllerPort, String controllerListener) {
        Map<String, String> p = new HashMap<>();
        p.put("listeners", LISTENER + "://127.0.0.1:" + port + "," + controllerListener + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", LISTENER + "://127.0.0.1:" + port);
        p.put("inter.broker.listener.name", LISTENER);
        p.put("listener.security.protocol.map", LISTENER + ":SASL_SSL," + controllerListener + ":PLAINTEXT");
        p.put("sasl.enabled.mechanisms", KafkaAccess.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", KafkaAccess.MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                SecureKafkaEndpoint.jaasConfig(KafkaAccess.ADMIN, passwords.get(KafkaAccess.ADMIN)));
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", ca.keyStore().toString());
        p.put("ssl.keystore.password", ca.password());
        p.put("ssl.key.password", ca.password());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", ca.trustStore().toString());
        p.put("ssl.truststore.password", ca.password());
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", BROKER_PRINCIPAL + ";User:" + KafkaAccess.ADMIN);
        p.put("allow.everyone.if.no.acl.found", "false");
        // Sessions log in again every hour, so a rotated or removed password locks its holder out within the hour.
        p.put("connections.max.reauth.ms", "3600000");
        return p;
    }

    SecureKafkaEndpoint endpoint(String bootstrapServers) {
        return new SecureKafkaEndpoint(bootstrapServers, ca.trustStore(), ca.password(), passwords);
    }

    private static String randomPassword() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + ca + "]";
    }
}
