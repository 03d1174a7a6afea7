package io.shoprules.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The packaged service ({@code target/quarkus-app}) started for a benchmark on loopback, on a work
 * folder of its own: a copy of the rules and scenarios, an H2 file database and its compiled forms
 * there, one ops key, and its log in {@code service.log}. Nothing of the working tree is touched.
 */
final class PackagedService {

    private PackagedService() {
    }

    /** A fresh work folder with a copy of the project's rules and scenarios. */
    static void prepare(Path project, Path work) throws IOException {
        delete(work);
        copy(project.resolve("rules"), work.resolve("rules"));
        copy(project.resolve("scenarios"), work.resolve("scenarios"));
    }

    /**
     * Starts the service on {@code port}; {@code data} holds its database, compiled forms and log,
     * {@code settings} are more {@code -D} options.
     */
    static Process start(Path project, Path work, Path data, int port, String key, String... settings) throws IOException {
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dshoprules.rules.dir=" + work.resolve("rules"),
                "-Dshoprules.scenarios.dir=" + work.resolve("scenarios"),
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + data.resolve("db/shoprules"),
                "-Dshoprules.rules.compiled-cache=" + data.resolve("compiled-rules"),
                "-Dshoprules.auth.keys.bench=" + key,
                "-Dshoprules.auth.roles.bench=ops",
                "-Dquarkus.log.level=WARN"));
        command.addAll(List.of(settings));
        command.addAll(List.of("-jar", project.resolve("target/quarkus-app/quarkus-run.jar").toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile())
                .start();
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void delete(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> all = Files.walk(path)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
