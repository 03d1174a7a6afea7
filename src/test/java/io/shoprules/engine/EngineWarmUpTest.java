package io.shoprules.engine;

import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The warm-up goes the whole way of a kept form's load with its own module: if a Drools upgrade
 * changes that way, this fails here instead of the warm-up quietly warming nothing.
 */
class EngineWarmUpTest {

    @Test
    void warmUpFiresItsOneRuleAndLeavesNoModuleInDroolsRepository() {
        KieServices kie = KieServices.Factory.get();
        ReleaseId releaseId = kie.newReleaseId("io.shoprules.warmup", "warm-up", "1.0.0-test");

        assertEquals(1, EngineWarmUp.run(kie, releaseId));
        assertNull(kie.getRepository().getKieModule(releaseId));
    }
}
