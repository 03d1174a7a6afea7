package io.shoprules.versions;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.shoprules.TwoStarts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Two starts of the service over one database and one rules folder, for {@link HistoryRestartFirstStartTest}
 * and {@link HistoryRestartSecondStartTest}. Quarkus restarts between test classes of different profiles;
 * its class orderer (QuarkusTestProfileAwareClassOrderer) runs the group of each profile in the order of
 * its test classes' names, so the classes are named in the order they must run (and so are the profiles).
 * On H2 both use a file database under {@code target/}; under {@code -Dquarkus.test.profile=pgtest}
 * they share that profile's PostgreSQL database, and only the first start empties it.
 */
final class HistoryRestart {

    static final Path ROOT = Path.of("target", "history-restart");
    static final Path RULES = ROOT.resolve("rules");
    static final Path SCENARIOS = ROOT.resolve("scenarios");
    /** What the first start activated, for the second to look for. */
    static final Path ACTIVATED = ROOT.resolve("activated.properties");
    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    private HistoryRestart() {
    }

    private static Map<String, String> config(boolean cleanDatabase) {
        Map<String, String> config = new HashMap<>(TwoStarts.database(ROOT.resolve("db").toString(), cleanDatabase));
        config.put("shoprules.rules.dir", RULES.toString());
        config.put("shoprules.scenarios.dir", SCENARIOS.toString());
        return config;
    }

    /** A fresh database and a fresh copy of the fixture inventory rules and scenarios. */
    public static class FirstStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return config(true);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FreshFolders.class));
        }
    }

    /** The same database and folders, as the first start left them. */
    public static class SecondStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return config(false);
        }
    }

    /** Runs before the first start: removes what an earlier build left, copies the fixtures. */
    public static class FreshFolders implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TwoStarts.freshFolder(ROOT);
            try {
                copy(FIXTURES.resolve("rules").resolve("inventory"), RULES.resolve("inventory"));
                copy(FIXTURES.resolve("scenarios").resolve("inventory"), SCENARIOS.resolve("inventory"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
            // the second start reads what the first left
        }

        private static void copy(Path from, Path to) throws IOException {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }
}
