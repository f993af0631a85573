package io.nightshift.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every variable compose.yaml sets on an application's container is a setting that application reads: a typo, a
 * renamed property or a variable meant for another app would otherwise be ignored in silence, and the app would
 * start with its demo default.
 */
class ComposeMatchesAppsTest {

    static final Map<String, String> APP_SERVICES = Map.of("online-api", "online-api", "streams-processor", "streams-processor");

    static ComposeFile compose;

    @BeforeAll
    static void load() {
        compose = ComposeFile.load(AppJar.deployFolder().resolve("compose.yaml"));
    }

    @Test
    void everyVariableSetOnOnlineApiIsASettingItReads() {
        assertReadByApp("online-api");
    }

    @Test
    void everyVariableSetOnStreamsProcessorIsASettingItReads() {
        assertReadByApp("streams-processor");
    }

    @Test
    void bothCloudAppsRunWithTheProductionProfileAndTheirOwnKafkaPrincipal() {
        for (String service : APP_SERVICES.keySet()) {
            Map<String, String> env = compose.environment(service);
            assertThat(env).as(service).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                    .containsEntry("NIGHTSHIFT_KAFKA_SASL_USERNAME", service)
                    .containsEntry("NIGHTSHIFT_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            assertThat(env.get("SPRING_KAFKA_SECURITY_PROTOCOL")).as(service + " talks SASL to Kafka").startsWith("SASL_");
        }
    }

    static void assertReadByApp(String service) {
        SettingsCatalog app = SettingsCatalog.of(AppJar.of(APP_SERVICES.get(service)));
        List<String> unread = new ArrayList<>();
        for (String variable : compose.environment(service).keySet()) {
            if (app.propertyForVariable(variable).isEmpty()) {
                unread.add(variable);
            }
        }
        assertThat(unread).as("variables compose.yaml sets on %s that %s reads nowhere (no property in its "
                + "configuration metadata binds them)", service, service).isEmpty();
    }
}
