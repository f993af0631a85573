package io.nightshift.schemas;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The contracts are the one module everybody depends on, so they depend on no other module.
 * (The shared rules live in infra/local, which itself depends on schemas: hence written out here.)
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.nightshift.schemas");

    @Test
    void dependsOnNoOtherModule() {
        classes().should().onlyDependOnClassesThat(resideOutsideOfPackage("io.nightshift..").or(resideInAPackage("io.nightshift.schemas..")))
                .check(MAIN);
    }

    @Test
    void contractPackagesFormNoCycle() {
        slices().matching("io.nightshift.schemas.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
