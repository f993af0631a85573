package io.nightshift.onlineapi.kafka;

import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.settings.SettingsException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.io.Resource;

import java.io.IOException;

/**
 * Gives every Kafka client this app builds from Spring's {@link KafkaProperties} (its producer,
 * listeners, admin clients and hand-built consumers) the link's security: the settings are joined
 * into one {@link LogConnection}, whose {@code security.protocol}, trust store and SASL login go
 * into {@code spring.kafka.properties}, which Spring adds to every client it configures. A client
 * added later gets them too, as long as it starts from {@code KafkaProperties.build*Properties()}.
 */
final class KafkaLinkSecurity implements BeanPostProcessor {

    private final ObjectProvider<KafkaLogin> login;

    KafkaLinkSecurity(ObjectProvider<KafkaLogin> login) {
        this.login = login;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof KafkaProperties kafka) {
            kafka.getProperties().putAll(connection(kafka, login.getObject()).securityProperties());
        }
        return bean;
    }

    /** The one description of this app's link to Kafka, from the names every app reads. */
    static LogConnection connection(KafkaProperties kafka, KafkaLogin login) {
        KafkaProperties.Ssl ssl = kafka.getSsl();
        return LogConnection.of(String.join(",", kafka.getBootstrapServers()), kafka.getSecurity().getProtocol(),
                fileOf(ssl.getTrustStoreLocation()), ssl.getTrustStorePassword(), ssl.getTrustStoreType(),
                login.mechanism(), login.username(), login.password());
    }

    private static String fileOf(Resource location) {
        if (location == null) {
            return null;
        }
        try {
            return location.getFile().getAbsolutePath();
        } catch (IOException notAFile) {
            throw new SettingsException(LogConnection.TRUST_STORE_SETTING + " must be a file (file:/path/ca.p12), not "
                    + location.getDescription() + ": Kafka clients read the trust store from disk");
        }
    }
}
