package io.nightshift.laptop.production;

import io.nightshift.schemas.settings.ProductionGuard;
import io.nightshift.schemas.settings.ProductionSetting;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * With the {@code prod} profile, this app refuses to start on the demo's secrets or a plaintext
 * Kafka link beyond this machine ({@link ProductionGuard} has the rules). Checked before any bean
 * is created, so nothing connects anywhere first; the failure is one paragraph naming each setting
 * to change ({@link SettingsFailureAnalyzer}).
 */
@Configuration(proxyBeanMethods = false)
@Profile(ProductionGuard.PROFILE)
class ProductionSettings {

    /** Static: a factory post-processor runs before the configuration's own instance exists. */
    @Bean
    static BeanFactoryPostProcessor productionGuard(Environment environment) {
        return beanFactory -> {
            Binder settings = Binder.get(environment);
            List<String> brokers = settings.bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class)).orElse(List.of("127.0.0.1:9092"));
            ProductionGuard.check(declared(settings), String.join(",", brokers), environment.getProperty("spring.kafka.security.protocol"));
        };
    }

    /** This app's secrets and demo conveniences, with the defaults its configuration records fall back on. */
    static List<ProductionSetting> declared(Binder unused) {
        // The laptop holds no secret of its own but its Kafka login, which the link rule covers.
        return List.of();
    }
}
