package io.nightshift.infra.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.nightshift.infra.local.architecture.ModuleBoundaries;
import io.nightshift.infra.local.architecture.ModuleBoundaries.Module;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The embedded servers serve both the tests (through the JUnit extension) and the owner's CLI, which ships no test library. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleBoundaries.mainClassesOf(Module.LOCAL_SERVERS);

    @Test
    void meetsOtherModulesOnlyThroughTheContracts() {
        ModuleBoundaries.meetsOthersOnlyThrough(Module.LOCAL_SERVERS, Module.SCHEMAS).check(MAIN);
    }

    @Test
    void featurePackagesFormNoCycle() {
        ModuleBoundaries.featuresFormNoCycle(Module.LOCAL_SERVERS).check(MAIN);
    }

    @Test
    void serversNeedNoTestLibrary() {
        noClasses().that().resideInAPackage("..infra.local.servers..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.testcontainers..", "com.tngtech.archunit..")
                .because("the CLI starts these servers with JUnit and Testcontainers excluded from its jar")
                .check(MAIN);
    }
}
