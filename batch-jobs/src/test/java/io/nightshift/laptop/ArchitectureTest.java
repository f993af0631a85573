package io.nightshift.laptop;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.nightshift.infra.local.architecture.ModuleBoundaries;
import io.nightshift.infra.local.architecture.ModuleBoundaries.Module;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The laptop talks to the cloud only through Kafka: it knows the contracts, never the feature store or another application. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleBoundaries.mainClassesOf(Module.BATCH_JOBS);

    @Test
    void meetsOtherModulesOnlyThroughWhatTheArchitectureAllows() {
        ModuleBoundaries.meetsOthersOnlyThrough(Module.BATCH_JOBS, Module.SCHEMAS).check(MAIN);
    }

    @Test
    void featurePackagesFormNoCycle() {
        ModuleBoundaries.featuresFormNoCycle(Module.BATCH_JOBS).check(MAIN);
    }

    @Test
    void opensNoConnectionToRedisOrPostgres() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "org.postgresql..")
                .because("the laptop only ever opens outbound connections to Kafka (docs/architecture.md)")
                .check(MAIN);
    }
}
