package io.nightshift.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.nightshift.infra.local.architecture.ModuleBoundaries;
import io.nightshift.infra.local.architecture.ModuleBoundaries.Module;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The owner's tool drives the platform from outside (HTTP, Kafka, the embedded servers): no application's internals. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleBoundaries.mainClassesOf(Module.CLI);

    @Test
    void meetsOtherModulesOnlyThroughWhatTheArchitectureAllows() {
        ModuleBoundaries.meetsOthersOnlyThrough(Module.CLI, Module.SCHEMAS, Module.LOCAL_SERVERS).check(MAIN);
    }

    @Test
    void featurePackagesFormNoCycle() {
        ModuleBoundaries.featuresFormNoCycle(Module.CLI).check(MAIN);
    }

    @Test
    void usesNoTestLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.testcontainers..", "org.assertj..")
                .because("the CLI's jar ships without test libraries (ExecutableJarIT checks the jar itself)")
                .check(MAIN);
    }
}
