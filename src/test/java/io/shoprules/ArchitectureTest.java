package io.shoprules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Features depend on the engine, never the reverse; packages do not form cycles. */
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
                        "io.shoprules.actions..", "io.shoprules.jobs..", "io.shoprules.api..")
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
