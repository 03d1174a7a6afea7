package io.shoprules.experiments;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Serves the fixture cart rules and scenarios (src/test/resources/fixtures) from a private copy,
 * since promoting an experiment writes the rule set's files.
 */
public class ExperimentRuleFolder implements QuarkusTestResourceLifecycleManager {

    static final Path ROOT = Path.of("target", "experiment-rule-folder");
    static final Path RULES = ROOT.resolve("rules");
    static final Path SCENARIOS = ROOT.resolve("scenarios");
    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    /**
     * Puts the copy back as the fixtures are, cart's rules and scenarios and nothing else, file by
     * file (written aside and moved into place), so the watcher never sees a folder half gone.
     */
    public static void reset() {
        try {
            mirror(FIXTURES.resolve("rules").resolve("cart"), RULES.resolve("cart"));
            mirror(FIXTURES.resolve("scenarios").resolve("cart"), SCENARIOS.resolve("cart"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mirror(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(to)) {
            for (Path file : files.toList()) {
                if (!Files.exists(from.resolve(file.getFileName()))) {
                    Files.delete(file);
                }
            }
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                write(to.resolve(file.getFileName()), Files.readString(file));
            }
        }
    }

    /** Replaces a file the way editors do: write aside, then move into place. */
    static void write(Path file, String text) {
        io.shoprules.engine.RuleFolderCopy.write(file, text);
    }

    @Override
    public Map<String, String> start() {
        try {
            delete(ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reset();
        // the watcher is left to its default pace: tests reload by hand when they change files
        return Map.of("shoprules.rules.dir", RULES.toString(), "shoprules.scenarios.dir", SCENARIOS.toString());
    }

    @Override
    public void stop() {
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
