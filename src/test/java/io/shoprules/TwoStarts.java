package io.shoprules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the restart tests' two starts of the service share: one database (an H2 file under
 * {@code target/}, or under {@code -Dquarkus.test.profile=pgtest} that profile's PostgreSQL
 * database, emptied by the first start only) and a folder the first start begins afresh.
 */
public final class TwoStarts {

    private TwoStarts() {
    }

    /** The database settings of a start; {@code h2File} is the H2 file's path without its suffix. */
    public static Map<String, String> database(String h2File, boolean firstStart) {
        Map<String, String> config = new HashMap<>();
        if ("pgtest".equals(System.getProperty("quarkus.test.profile"))) {
            config.put("quarkus.flyway.clean-at-start", Boolean.toString(firstStart));
        } else {
            config.put("quarkus.datasource.jdbc.url", "jdbc:h2:file:./" + h2File + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        return config;
    }

    /** Removes {@code root} and all under it, as an earlier build left it, and makes it again, empty. */
    public static void freshFolder(Path root) {
        try {
            if (Files.exists(root)) {
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
