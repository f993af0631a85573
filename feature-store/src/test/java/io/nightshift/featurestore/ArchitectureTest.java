package io.nightshift.featurestore;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.nightshift.infra.local.architecture.ModuleBoundaries;
import io.nightshift.infra.local.architecture.ModuleBoundaries.Module;
import org.junit.jupiter.api.Test;

/** The feature store is a library of the cloud: it knows the contracts and nothing of who calls it. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleBoundaries.mainClassesOf(Module.FEATURE_STORE);

    @Test
    void meetsOtherModulesOnlyThroughWhatTheArchitectureAllows() {
        ModuleBoundaries.meetsOthersOnlyThrough(Module.FEATURE_STORE, Module.SCHEMAS).check(MAIN);
    }

    @Test
    void featurePackagesFormNoCycle() {
        ModuleBoundaries.featuresFormNoCycle(Module.FEATURE_STORE).check(MAIN);
    }
}
