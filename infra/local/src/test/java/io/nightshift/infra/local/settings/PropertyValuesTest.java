package io.nightshift.infra.local.settings;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropertyValuesTest {

    private static final List<String> BASE = List.of("a.b=1", "a.bc=2", "c=3");

    @Test
    void aChangeReplacesOnlyTheSettingOfThatName() {
        assertThat(PropertyValues.with(BASE, "a.b=9")).containsExactlyInAnyOrder("a.bc=2", "c=3", "a.b=9");
    }

    @Test
    void anEmptyValueRemovesTheSettingAndANewNameIsAdded() {
        assertThat(PropertyValues.with(BASE, "c=", "d=4")).containsExactlyInAnyOrder("a.b=1", "a.bc=2", "d=4");
    }

    @Test
    void aChangeWithoutANameIsRefused() {
        assertThatThrownBy(() -> PropertyValues.with(BASE, "=1")).hasMessageContaining("name=value");
    }
}
