package io.shoprules.engine;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario under {@code scenarios/} as its own test, named after its file, run against the
 * rule set compiled fresh from {@code rules/}.
 */
@QuarkusTest
class ScenarioFilesTest {

    private static final Path SCENARIOS = Path.of("scenarios");
    private static final Path RULES = Path.of("rules");
    private static final Map<String, CompiledRuleSet> COMPILED = new ConcurrentHashMap<>();

    @Inject
    RuleSetCompiler compiler;
    @Inject
    ScenarioRunner runner;
    @Inject
    RuleSets ruleSets;

    static Stream<String> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SCENARIOS)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> ScenarioRunner.isScenarioFile(file.getFileName().toString()))
                    .map(file -> SCENARIOS.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void scenarioHolds(String file) throws IOException {
        String ruleSet = file.substring(0, file.indexOf('/'));
        CompiledRuleSet compiled = COMPILED.computeIfAbsent(ruleSet, name -> {
            RuleSetSource source = RuleSetSource.read(name, RULES.resolve(name));
            // the data lists of the folder, and a rule set typed in Java adds what its feature builds
            Map<String, Object> globals = new HashMap<>(DataLists.of(source));
            if (ruleSets.isTyped(name)) {
                globals.putAll(ruleSets.definition(name).globals(source));
            }
            return compiler.compile(source, globals);
        });
        // typed in Java, or declared in the rule files of this very compilation
        RuleSetDefinition definition = ruleSets.definition(compiled);
        ScenarioResult result = runner.run(compiled, definition, file, Files.readAllBytes(SCENARIOS.resolve(file)));
        assertTrue(result.passed(), () -> String.join("\n", result.failures()));
    }

}
