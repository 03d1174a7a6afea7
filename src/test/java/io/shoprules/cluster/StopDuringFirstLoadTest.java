package io.shoprules.cluster;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A packaged instance told to stop (SIGTERM, as a deploy or an orchestrator does) while its rule
 * sets are still loading stops cleanly: the loaders take nothing more, and what they were doing
 * when the database closed is logged as part of the stop, not as an error an operator is paged
 * for. Both ways a first load goes are stopped in it: compiling (nothing kept yet) and serving the
 * kept compiled forms of an unchanged start, which take a tenth of a second each, so the stop
 * lands in the middle of them.
 */
@Tag("cluster")
class StopDuringFirstLoadTest {

    private static final int FIRST_PORT = 18_460;
    private static final String[] RULE_SETS = {"cart", "complaint", "contact", "goodwill", "inventory", "listing", "loyalty"};

    @Test
    void anInstanceStoppedWhileItsRuleSetsLoadLogsNoError() throws Exception {
        try (PackagedInstances instances = new PackagedInstances("stop-during-first-load", FIRST_PORT, RULE_SETS)) {
            Path log = instances.work().resolve("node-1.log");

            PackagedInstances.Node compiling = instances.start(1, Map.of());
            awaitLine(log, " activated in ");
            String compiled = stop(compiling, log);
            assertFalse(compiled.contains(" ERROR "), "an instance stopped while compiling logged errors:\n" + compiled);

            // a full start keeps every compiled form, so that the next one serves from them
            PackagedInstances.Node full = instances.start(1, Map.of());
            awaitLine(log, "rule sets loaded in ");
            stop(full, log);

            PackagedInstances.Node serving = instances.start(1, Map.of());
            awaitLine(log, " served from its compiled form ");
            String served = stop(serving, log);
            assertFalse(served.contains(" ERROR "), "an instance stopped while serving its kept forms logged errors:\n" + served);
            assertTrue(served.contains("served from its compiled form"), served);
        }
    }

    /** Sends SIGTERM, waits for the process to end, and answers its log. */
    private static String stop(PackagedInstances.Node node, Path log) throws InterruptedException, IOException {
        node.process().destroy();
        assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), node.name() + " did not stop within 60 s of SIGTERM");
        return Files.readString(log);
    }

    private static void awaitLine(Path log, String text) {
        PackagedInstances.await("a log line with '" + text + "'", PackagedInstances.STARTS_WITHIN, () -> {
            try {
                return Files.exists(log) && Files.readString(log).contains(text) ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
