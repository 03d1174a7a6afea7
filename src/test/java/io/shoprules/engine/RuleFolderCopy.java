package io.shoprules.engine;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;

/**
 * Serves the fixture inventory rules (src/test/resources/fixtures, a 7-day cover target) from a
 * private copy that a test may edit, with scenarios the test controls, and a watcher that looks often.
 */
public class RuleFolderCopy implements QuarkusTestResourceLifecycleManager {

    public static final Path ROOT = Path.of("target", "rule-folder-copy");
    public static final Path RULES = ROOT.resolve("rules");
    public static final Path SCENARIOS = ROOT.resolve("scenarios");
    /** The tests' own rule sets; the shipped ones under rules/ may change with the policy. */
    static final Path FIXTURE_RULES = Path.of("src", "test", "resources", "fixtures", "rules");

    /** Holds under the fixture policy and under a longer cover target alike. */
    static final String STABLE_SCENARIO = """
            now: "2026-03-10T10:00:00+08:00"
            facts:
              - {skuId: stable, onHand: 50, avgDailySales: 10, leadTimeDays: 3}
            expect:
              - {type: RESTOCK, subject: stable}
            """;

    /**
     * Puts the copy back as it started: the fixture inventory files and nothing else, and the
     * stable scenario alone, whatever an earlier test class left there.
     */
    public static void reset() {
        try {
            Path rules = RULES.resolve("inventory");
            Path scenarios = SCENARIOS.resolve("inventory");
            try (Stream<Path> files = Stream.concat(Files.list(rules), Files.list(scenarios))) {
                for (Path file : files.toList()) {
                    boolean fixture = file.startsWith(rules) && Files.exists(FIXTURE_RULES.resolve("inventory").resolve(file.getFileName()));
                    if (!fixture) {
                        Files.delete(file);
                    }
                }
            }
            try (Stream<Path> files = Files.list(FIXTURE_RULES.resolve("inventory"))) {
                for (Path file : files.toList()) {
                    write(rules.resolve(file.getFileName()), Files.readString(file));
                }
            }
            write(scenarios.resolve("stable.yaml"), STABLE_SCENARIO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            delete(ROOT);
            Files.createDirectories(RULES.resolve("inventory"));
            Files.createDirectories(SCENARIOS.resolve("inventory"));
            try (Stream<Path> files = Files.list(FIXTURE_RULES.resolve("inventory"))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, RULES.resolve("inventory").resolve(file.getFileName()));
                }
            }
            Files.writeString(SCENARIOS.resolve("inventory").resolve("stable.yaml"), STABLE_SCENARIO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("shoprules.rules.dir", RULES.toString(),
                "shoprules.scenarios.dir", SCENARIOS.toString(),
                "shoprules.rules.poll-interval", "0.2s");
    }

    @Override
    public void stop() {
    }

    /** Replaces a file the way editors do: write aside, then move into place. */
    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path aside = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(aside, text);
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    /**
     * Polls the inventory status of {@code GET /api/rulesets} until it satisfies {@code condition};
     * the watcher looks every 0.2 s, a check with scenarios takes a few seconds on a busy machine.
     */
    public static JsonPath awaitInventory(Predicate<JsonPath> condition) {
        return awaitRuleSet("inventory", condition);
    }

    /**
     * Polls the status of rule set {@code name} in {@code GET /api/rulesets} (absent counts as not
     * yet) until it satisfies {@code condition}.
     */
    public static JsonPath awaitRuleSet(String name, Predicate<JsonPath> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonPath status = null;
        while (System.nanoTime() < deadline) {
            JsonPath all = given().when().get("/api/rulesets").then().statusCode(200).extract().jsonPath();
            if (all.getList("name").contains(name)) {
                status = new JsonPath(all.prettify()).setRootPath("find { it.name == '" + name + "' }");
                if (condition.test(status)) {
                    return status;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the " + name + " rule set never reached the expected state; last: "
                + (status == null ? "absent" : status.prettify()));
    }
}
