package io.shoprules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Features depend on the engine, never the reverse; packages do not form cycles; HTTP stays at the
 * edge (resources and {@code api}); what every layer shares depends on nothing.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.shoprules");

    @Test
    void engineKnowsNoFeature() {
        noClasses().that().resideInAPackage("io.shoprules.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.shoprules.inventory..", "io.shoprules.cart..", "io.shoprules.complaint..",
                        "io.shoprules.listing..", "io.shoprules.decisions..", "io.shoprules.facts..",
                        "io.shoprules.actions..", "io.shoprules.jobs..", "io.shoprules.api..",
                        "io.shoprules.rulesets..", "io.shoprules.storage..", "io.shoprules.access..",
                        "io.shoprules.versions..", "io.shoprules.preview..",
                        "io.shoprules.experiments..", "io.shoprules.console..", "io.shoprules.coupons..")
                .check(MAIN);
    }

    @Test
    void engineSpeaksNoHttp() {
        noClasses().that().resideInAPackage("io.shoprules.engine..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .check(MAIN);
    }

    /**
     * Services throw the exceptions of {@code io.shoprules.errors}; the mappers in {@code api} give
     * them their HTTP answer. The webhook client and its sender are outbound HTTP by nature.
     */
    @Test
    void onlyResourcesAndApiDependOnJaxRs() {
        noClasses().that().haveSimpleNameNotEndingWith("Resource")
                .and().resideOutsideOfPackage("io.shoprules.api..")
                // the console answers its refusals with pages of its own
                .and().doNotHaveFullyQualifiedName("io.shoprules.console.ConsoleMappers")
                .and().haveNameNotMatching("io\\.shoprules\\.actions\\.Webhook(Client|Sender)")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .check(MAIN);
    }

    @Test
    void errorsDependOnNothingOfTheApplication() {
        classes().that().resideInAPackage("io.shoprules.errors..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.shoprules.errors..", "java..")
                .check(MAIN);
    }

    @Test
    void settingBoundsDependOnNothingOfTheApplication() {
        classes().that().resideInAPackage("io.shoprules.settings..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.shoprules.settings..", "io.smallrye.config..", "java..")
                .check(MAIN);
    }

    @Test
    void rolesDependOnNothingOfTheApplication() {
        classes().that().resideInAPackage("io.shoprules.access..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.shoprules.access..", "java..")
                .check(MAIN);
    }

    @Test
    void storageDependsOnNoOtherPackageOfTheApplication() {
        noClasses().that().resideInAPackage("io.shoprules.storage..")
                .should().dependOnClassesThat(resideInAPackage("io.shoprules..")
                        .and(not(resideInAPackage("io.shoprules.storage.."))))
                .check(MAIN);
    }

    @Test
    void featuresDoNotDependOnEachOther() {
        slices().matching("io.shoprules.(inventory|cart|complaint|listing)..")
                .should().notDependOnEachOther()
                .check(MAIN);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("io.shoprules.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
