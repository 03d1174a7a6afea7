package io.shoprules.actions;

import io.shoprules.TwoStarts;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Two starts of the service over one database, for {@link HeldReleaseRestartFirstStartTest} and
 * {@link HeldReleaseRestartSecondStartTest} (the two-start pattern of HistoryRestart: Quarkus runs the
 * classes of each profile together, in the order of their names). On H2 a file database under
 * {@code target/}; under {@code -Dquarkus.test.profile=pgtest} that profile's PostgreSQL database,
 * which only the first start empties.
 */
final class HeldReleaseRestart {

    static final Path DATABASE = Path.of("target", "held-release-restart", "db");
    /** Three members reach gold at 23:30; their messages wait for 07:00. */
    static final String[] SHOPPERS = {"restart-a", "restart-b", "restart-c"};

    private HeldReleaseRestart() {
    }

    static Map<String, String> config(Map<String, String> lifecycle, boolean cleanDatabase) {
        Map<String, String> config = new HashMap<>(lifecycle);
        // no webhook: a push at start-up would move the released message on before the test looks
        config.remove("shoprules.webhook.url");
        config.putAll(TwoStarts.database(DATABASE.toString(), cleanDatabase));
        return config;
    }

    private static void deleteDatabase() {
        for (String suffix : new String[]{".mv.db", ".trace.db"}) {
            Path file = Path.of(DATABASE + suffix);
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    public static class FirstStart extends LifecycleProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return config(super.getConfigOverrides(), true);
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(FreshDatabase.class));
        }
    }

    /** Runs before the first start: removes the H2 file an earlier build left. */
    public static class FreshDatabase implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            deleteDatabase();
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    public static class SecondStart extends LifecycleProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return config(super.getConfigOverrides(), false);
        }
    }
}
