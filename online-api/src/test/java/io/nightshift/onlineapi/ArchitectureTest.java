package io.nightshift.onlineapi;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.nightshift.infra.local.architecture.ModuleBoundaries;
import io.nightshift.infra.local.architecture.ModuleBoundaries.Module;
import org.junit.jupiter.api.Test;

/** The online API meets the other applications only in Kafka and Redis: the contracts in schemas and the feature store. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleBoundaries.mainClassesOf(Module.ONLINE_API);

    @Test
    void meetsOtherModulesOnlyThroughWhatTheArchitectureAllows() {
        ModuleBoundaries.meetsOthersOnlyThrough(Module.ONLINE_API, Module.SCHEMAS, Module.FEATURE_STORE).check(MAIN);
    }

    @Test
    void featurePackagesFormNoCycle() {
        ModuleBoundaries.featuresFormNoCycle(Module.ONLINE_API).check(MAIN);
    }
}
