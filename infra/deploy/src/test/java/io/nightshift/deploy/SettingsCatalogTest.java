package io.nightshift.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The relaxed binding the deployment tests rely on, shown on settings streams-processor has today. */
class SettingsCatalogTest {

    static SettingsCatalog streams;

    @BeforeAll
    static void load() {
        streams = SettingsCatalog.of(AppJar.of("streams-processor"));
    }

    @Test
    void aVariableReachesTheAppsOwnPropertyWithOrWithoutUnderscoresForDashes() {
        assertThat(streams.propertyForVariable("NIGHTSHIFT_EVENTLOG_ANALYSTPASSWORD")).contains("nightshift.eventlog.analyst-password");
        assertThat(streams.propertyForVariable("NIGHTSHIFT_EVENTLOG_ANALYST_PASSWORD")).contains("nightshift.eventlog.analyst-password");
    }

    @Test
    void aVariableReachesSpringBootsOwnProperties() {
        assertThat(streams.propertyForVariable("SPRING_DATASOURCE_URL")).contains("spring.datasource.url");
        assertThat(streams.propertyForVariable("SPRING_PROFILES_ACTIVE")).contains("spring.profiles.active");
    }

    @Test
    void aMisspelledOrForeignVariableReachesNothing() {
        assertThat(streams.propertyForVariable("NIGHTSHIFT_REDIS_HOTS")).isEmpty();
        assertThat(streams.propertyForVariable("NIGHTSHIFT_LAPTOP_ID")).as("the laptop's setting, not this app's").isEmpty();
    }

    @Test
    void aPropertiesFileKeyIsMatchedTheSameWay() {
        assertThat(streams.propertyForKey("nightshift.redis.host")).contains("nightshift.redis.host");
        assertThat(streams.propertyForKey("nightshift.redis.hots")).isEmpty();
    }
}
