package io.shoprules.cluster;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Packaged instances of the service on loopback ports, sharing one PostgreSQL database and one rules
 * folder under {@code target/<name>}: what the cluster tests start, talk to and stop (every one,
 * killed if need be, on {@link #close}).
 */
final class PackagedInstances implements AutoCloseable {

    static final String JDBC_URL = System.getProperty("cluster.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String KEY = "cluster-test-key";
    static final Duration STARTS_WITHIN = Duration.ofMinutes(3);
    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path work;
    private final int firstPort;
    private final List<Node> nodes = new ArrayList<>();

    record Node(String name, int port, Process process) {
        String base() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** A fresh folder {@code target/<folder>} with copies of the fixture rule sets named, and an empty database. */
    PackagedInstances(String folder, int firstPort, String... ruleSets) throws Exception {
        this.work = Path.of("target", folder).toAbsolutePath();
        this.firstPort = firstPort;
        if (Files.exists(work)) {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (String ruleSet : ruleSets) {
            copy(FIXTURES.resolve("rules").resolve(ruleSet), work.resolve("rules").resolve(ruleSet));
            copy(FIXTURES.resolve("scenarios").resolve(ruleSet), work.resolve("scenarios").resolve(ruleSet));
        }
        try (Connection connection = DriverManager.getConnection(JDBC_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema public cascade");
            statement.execute("create schema public");
        }
    }

    /** The service packaged for PostgreSQL ({@code -Dcluster.app}). */
    static Path app() {
        Path app = Path.of(System.getProperty("cluster.app", "target/cluster-app/quarkus-run.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(app), "package the service for PostgreSQL first: " + app);
        return app;
    }

    Path work() {
        return work;
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Starts instance {@code node-<number>} with the shared folders and database, plus {@code settings}. */
    Node start(int number, Map<String, String> settings) throws IOException {
        String name = "node-" + number;
        int port = firstPort + number - 1;
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=" + JDBC_URL + "?prepareThreshold=0",
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=",
                "-Dshoprules.instance.name=" + name,
                "-Dshoprules.rules.dir=" + work.resolve("rules"),
                "-Dshoprules.scenarios.dir=" + work.resolve("scenarios"),
                "-Dshoprules.rules.compiled-cache=" + work.resolve("compiled-" + name),
                "-Dshoprules.auth.keys.cluster=" + KEY,
                "-Dshoprules.auth.roles.cluster=shop,ops",
                "-Dquarkus.log.level=INFO"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", app().toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile())
                .start();
        Node node = new Node(name, port, process);
        nodes.add(node);
        return node;
    }

    HttpResponse<String> send(Node node, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static <T> T await(String what, Duration within, Supplier<Optional<T>> check) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = check.get();
            if (found.isPresent()) {
                return found.get();
            }
            sleepQuietly(Duration.ofMillis(100));
        }
        throw new AssertionError("gave up waiting for " + what + " after " + within);
    }

    static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.process().destroyForcibly();
        }
        for (Node node : nodes) {
            try {
                node.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
