package io.nightshift.onlineapi.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SASL login of this app's principal ({@code online-api}), {@code nightshift.kafka.sasl.*}:
 * unset in the demo (plaintext on loopback), set with {@code spring.kafka.security.protocol=SASL_SSL}.
 */
@ConfigurationProperties("nightshift.kafka.sasl")
record KafkaLogin(@DefaultValue("SCRAM-SHA-512") String mechanism, String username, String password) {

    @Override
    public String toString() {
        return "KafkaLogin[" + mechanism + ", " + username + (password == null ? "" : ", password ****") + "]";
    }
}
