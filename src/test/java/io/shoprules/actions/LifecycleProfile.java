package io.shoprules.actions;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lifecycle tests' service: a copy of the fixture rule sets cart, inventory, loyalty and contact
 * (the tests' own numbers, src/test/resources/fixtures) with actions.yaml files of the tests' own, a
 * clock the test sets, and the local webhook receiver (pushed only when a test calls the delivery).
 */
public class LifecycleProfile implements QuarkusTestProfile {

    static final Path ROOT = Path.of("target", "lifecycle");
    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    private static final List<String> RULE_SETS = List.of("cart", "inventory", "loyalty", "contact");

    /** A restock once per episode; a cart reminder and a level-up reach a customer, the reminder first. */
    static final Map<String, String> ACTIONS = Map.of(
            "inventory", """
                    RESTOCK:
                      once: EPISODE
                    """,
            "cart", """
                    CART_REMINDER:
                      customer: customerId
                      priority: 50
                      recheck: true
                      expiresAt: payBy
                    """,
            "loyalty", """
                    LEVEL_UP:
                      customer: shopperId
                      priority: 10
                    """);

    @Override
    public Map<String, String> getConfigOverrides() {
        prepare(ROOT);
        Map<String, String> config = new HashMap<>();
        config.put("shoprules.rules.dir", ROOT.resolve("rules").toString());
        config.put("shoprules.scenarios.dir", ROOT.resolve("scenarios").toString());
        config.put("shoprules.webhook.url", WebhookReceiver.url());
        // the test pushes by calling the delivery, at the moment it chooses
        config.put("shoprules.webhook.poll-interval", "1h");
        return config;
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(TestClock.class);
    }

    /** A fresh copy of the fixture rule sets named above, their scenarios and the actions.yaml files. */
    static void prepare(Path root) {
        try {
            delete(root.resolve("rules"));
            delete(root.resolve("scenarios"));
            for (String ruleSet : RULE_SETS) {
                copy(FIXTURES.resolve("rules").resolve(ruleSet), root.resolve("rules").resolve(ruleSet));
                copy(FIXTURES.resolve("scenarios").resolve(ruleSet), root.resolve("scenarios").resolve(ruleSet));
            }
            for (Map.Entry<String, String> file : ACTIONS.entrySet()) {
                Files.writeString(root.resolve("rules").resolve(file.getKey()).resolve("actions.yaml"), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
