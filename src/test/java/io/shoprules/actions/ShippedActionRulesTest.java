package io.shoprules.actions;

import io.shoprules.engine.RuleSetSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every shipped actions.yaml reads (the scenario check compiles rules/ without the file checks a
 * serving version passes): an operator's broken edit is refused at its line, but what ships is sound.
 */
class ShippedActionRulesTest {

    private static final Path RULES = Path.of("rules");

    static Stream<String> ruleSetsWithActions() throws IOException {
        try (Stream<Path> folders = Files.list(RULES)) {
            return folders.filter(folder -> Files.exists(folder.resolve(ActionRules.FILE)))
                    .map(folder -> folder.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("ruleSetsWithActions")
    void theShippedFileReads(String ruleSet) throws IOException {
        ActionRules rules = ActionRules.of(RuleSetSource.read(ruleSet, RULES.resolve(ruleSet)));
        assertFalse(rules.all().isEmpty(), ruleSet + "/actions.yaml names no decision type");
    }
}
