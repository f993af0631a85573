package io.nightshift.streams;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.nightshift.infra.local.architecture.ModuleBoundaries;
import io.nightshift.infra.local.architecture.ModuleBoundaries.Module;
import org.junit.jupiter.api.Test;

/** The streams processor meets the other applications only in Kafka and Redis: the contracts in schemas and the feature store. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleBoundaries.mainClassesOf(Module.STREAMS_PROCESSOR);

    @Test
    void meetsOtherModulesOnlyThroughWhatTheArchitectureAllows() {
        ModuleBoundaries.meetsOthersOnlyThrough(Module.STREAMS_PROCESSOR, Module.SCHEMAS, Module.FEATURE_STORE).check(MAIN);
    }

    @Test
    void featurePackagesFormNoCycle() {
        ModuleBoundaries.featuresFormNoCycle(Module.STREAMS_PROCESSOR).check(MAIN);
    }
}
