package io.shoprules.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
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

    /** A private work folder with empty rules and scenarios folders: the service serves no rule set. */
    static void prepareWithoutRules(Path work) throws IOException {
        delete(work);
        Files.createDirectories(work.resolve("rules"));
        Files.createDirectories(work.resolve("scenarios"));
    }

    /**
     * Starts the service on {@code port}; {@code data} holds its database, compiled forms and log,
     * {@code settings} are more {@code -D} options.
     *
     * <p>System properties of the benchmark choose what runs: {@code bench.app} the packaged service
     * (default {@code target/quarkus-app}; a PostgreSQL build is packaged apart, {@code db-kind} being
     * fixed at build time), {@code bench.jdbc-url} a PostgreSQL database instead of the H2 file
     * (emptied at each start: give the benchmark a database of its own) and {@code bench.cds=true}
     * the class-data archive ({@code app-cds.jsa}) the package was built with, {@code bench.java} the
     * {@code java} command that runs it (default the one on the path), {@code bench.service-options}
     * more options for the service's JVM, separated by spaces (a flight recording, GC logs).
     */
    /** The JVM options file a package ships beside {@code quarkus-run.jar}, read by {@code java @file}. */
    static final String JVM_OPTIONS = "jvm.options";

    static Process start(Path project, Path work, Path data, int port, String key, String... settings) throws IOException {
        Files.createDirectories(data);
        Path app = project.resolve(System.getProperty("bench.app", "target/quarkus-app")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(System.getProperty("bench.java", "java")));
        if (Files.exists(app.resolve(JVM_OPTIONS))) {
            // the options the package ships with, as docs/operations.md starts it
            command.add("@" + JVM_OPTIONS);
        }
        command.add("-Xmx1g");
        if (Boolean.getBoolean("bench.cds")) {
            // the archive names quarkus-run.jar as it was started when the archive was made: from its folder
            command.addAll(List.of("-XX:SharedArchiveFile=app-cds.jsa", "-Xshare:on"));
        }
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dshoprules.rules.dir=" + work.resolve("rules"),
                "-Dshoprules.scenarios.dir=" + work.resolve("scenarios"),
                "-Dshoprules.rules.compiled-cache=" + data.resolve("compiled-rules"),
                "-Dshoprules.auth.keys.bench=" + key,
                "-Dshoprules.auth.roles.bench=ops",
                "-Dquarkus.log.level=WARN"));
        String jdbcUrl = System.getProperty("bench.jdbc-url");
        if (jdbcUrl == null) {
            command.add("-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + data.resolve("db/shoprules") + shippedH2Settings(project));
        } else {
            command.addAll(List.of("-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                    "-Dquarkus.datasource.username=" + System.getProperty("bench.jdbc-user", "postgres"),
                    "-Dquarkus.datasource.password=" + System.getProperty("bench.jdbc-password", ""),
                    // the URL settings docs/operations.md gives for PostgreSQL in production
                    "-Dquarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold=0",
                    "-Dquarkus.datasource.jdbc.additional-jdbc-properties.reWriteBatchedInserts=true",
                    "-Dquarkus.flyway.clean-disabled=false",
                    "-Dquarkus.flyway.clean-at-start=true"));
        }
        command.addAll(List.of(settings));
        // e.g. -Dbench.service-options="-XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile -Xlog:gc:file=/tmp/gc.log"
        String options = System.getProperty("bench.service-options", "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        return new ProcessBuilder(command)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile())
                .start();
    }

    /**
     * The settings of the shipped H2 URL ({@code ;WRITE_DELAY=...} and the like, from
     * application.properties), so the benchmark's own file is stored as the shipped one would be.
     */
    static String shippedH2Settings(Path project) throws IOException {
        Properties shipped = new Properties();
        try (var in = Files.newBufferedReader(project.resolve("src/main/resources/application.properties"))) {
            shipped.load(in);
        }
        String url = shipped.getProperty("quarkus.datasource.jdbc.url", "");
        int settings = url.indexOf(';');
        return settings < 0 ? "" : url.substring(settings);
    }

    /** What the service runs on, for the figures' lines. */
    static String database() {
        return System.getProperty("bench.jdbc-url") == null ? "H2" : "PostgreSQL";
    }

    /** Resident memory of a process, in KiB ({@code VmRSS} of /proc/pid/status). */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
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
