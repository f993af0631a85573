package io.nightshift.infra.local.settings;

import java.util.Map;

/**
 * What a Kafka client's configuration holds when it logs in with SASL/SCRAM-SHA-512 over TLS,
 * written out here independently of the code that produces it, so a test can compare the two.
 */
public final class KafkaLoginEntries {

    private KafkaLoginEntries() {
    }

    /** The client properties of a SASL_SSL link with a SCRAM-SHA-512 login as {@code username}. */
    public static Map<String, Object> saslSsl(String username, String password) {
        return Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + username + "\" password=\"" + password + "\";");
    }
}
