package io.nightshift.infra.local.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Arrays;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules every module's {@code ArchitectureTest} checks on its own main classes: modules meet
 * only where the architecture says (the contracts in {@code schemas}, the Redis store for the two
 * cloud applications, the embedded servers for the CLI), and the packages inside a module form no
 * cycle, so each feature can be read, moved or deleted without dragging the others along.
 *
 * <p>The Maven enforcer already keeps an application's pom from naming another application; these
 * rules also catch what a pom cannot see, such as a class reaching into a package through a
 * dependency that is allowed for other reasons.
 */
public final class ModuleBoundaries {

    /** The root package of each module that main code may depend on. */
    public enum Module {
        SCHEMAS("io.nightshift.schemas"),
        FEATURE_STORE("io.nightshift.featurestore"),
        LOCAL_SERVERS("io.nightshift.infra.local"),
        CLI("io.nightshift.cli"),
        ONLINE_API("io.nightshift.onlineapi"),
        STREAMS_PROCESSOR("io.nightshift.streams"),
        BATCH_JOBS("io.nightshift.laptop");

        private final String rootPackage;

        Module(String rootPackage) {
            this.rootPackage = rootPackage;
        }

        public String rootPackage() {
            return rootPackage;
        }

        String everything() {
            return rootPackage + "..";
        }
    }

    private ModuleBoundaries() {
    }

    /** The main (not test) classes of a module, as compiled into its {@code target/classes}. */
    public static JavaClasses mainClassesOf(Module module) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(module.rootPackage());
    }

    /**
     * The module's classes depend on no Nightshift module but themselves and {@code allowed};
     * libraries outside {@code io.nightshift} are the pom's business.
     */
    public static ArchRule meetsOthersOnlyThrough(Module module, Module... allowed) {
        String[] permitted = Stream.concat(Stream.of(module), Arrays.stream(allowed))
                .map(Module::everything).toArray(String[]::new);
        DescribedPredicate<JavaClass> permittedTargets = resideOutsideOfPackage("io.nightshift..")
                .or(resideInAnyPackage(permitted));
        return classes().that().resideInAPackage(module.everything())
                .should().onlyDependOnClassesThat(permittedTargets.as("are outside Nightshift or in " + String.join(", ", permitted)))
                .because("modules meet only through the contracts in schemas (see docs/architecture.md)");
    }

    /**
     * The packages directly under the module's root (its features) depend on each other without a
     * cycle. A module of one package passes: it has nothing to tangle.
     */
    public static ArchRule featuresFormNoCycle(Module module) {
        return slices().matching(module.rootPackage() + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a package that depends on one that depends back on it cannot be understood or moved alone")
                .allowEmptyShould(true);
    }
}
