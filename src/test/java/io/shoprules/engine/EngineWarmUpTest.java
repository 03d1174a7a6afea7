package io.shoprules.engine;

import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * In a JVM of its own, as the packaged service starts: every level let through (as Quarkus has it
     * before its logging is set up), then the warm-up. Drools' network classes it loads must not have
     * fixed their trace flags on, and the logger is left as it was.
     */
    @Test
    void warmUpBeforeLoggingIsSetUpLeavesDroolsNetworkClassesNotTracing() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", EarlyStart.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the warm-up's JVM did not end");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("tracing: SegmentMemory=false BetaNode=false PathMemory=false RightInputAdapterNode=false"
                + " level after: null"), output);
    }

    /** The child JVM of {@link #warmUpBeforeLoggingIsSetUpLeavesDroolsNetworkClassesNotTracing}. */
    public static final class EarlyStart {
        public static void main(String[] args) throws Exception {
            Logger.getLogger("").setLevel(Level.ALL);
            EngineWarmUp.startInBackground();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("engine-warm-up")) {
                    thread.join();
                }
            }
            StringBuilder flags = new StringBuilder("tracing:");
            for (String name : List.of("SegmentMemory", "BetaNode", "PathMemory", "RightInputAdapterNode")) {
                Class<?> type = Class.forName("org.drools.core.reteoo." + name);
                Field field = List.of(type.getDeclaredFields()).stream()
                        .filter(declared -> declared.getName().equalsIgnoreCase("isLogTraceEnabled")
                                || declared.getName().equals("IS_LOG_TRACE_ENABLED"))
                        .findFirst().orElseThrow();
                field.setAccessible(true);
                flags.append(' ').append(name).append('=').append(field.getBoolean(null));
            }
            System.out.println(flags + " level after: " + Logger.getLogger("org.drools").getLevel());
        }
    }
}
