package io.nightshift.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AwaitingMergeTest {

    @Test
    void noAwaitedSettingIsBoundYet() {
        List<String> bound = new ArrayList<>();
        for (Map.Entry<String, Set<String>> app : AwaitingMerge.VARIABLES.entrySet()) {
            SettingsCatalog catalog = SettingsCatalog.of(AppJar.of(app.getKey()));
            for (String variable : app.getValue()) {
                catalog.propertyForVariable(variable).ifPresent(property -> bound.add(app.getKey() + ": " + variable + " -> " + property));
            }
        }
        assertThat(bound).as("these settings are bound now: delete them from AwaitingMerge so the deployment tests check them").isEmpty();
    }
}
