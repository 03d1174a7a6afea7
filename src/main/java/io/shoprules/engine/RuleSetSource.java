package io.shoprules.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one rule set as they were read: DRL, decision tables and data files, by their path
 * relative to the rule set's folder. The version is a hash of exactly these bytes, so the same
 * files always carry the same version on every instance.
 */
public final class RuleSetSource {

    /** Plain names only: no folders, no way out of the rule set's folder, no hidden files. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int VERSION_LENGTH = 12;

    private final String name;
    private final SortedMap<String, byte[]> files;
    private final String version;

    public RuleSetSource(String name, Map<String, byte[]> files) {
        this.name = name;
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        this.version = hash(name, this.files);
    }

    /** Reads every regular, visible file directly in {@code folder}. */
    public static RuleSetSource read(String name, Path folder) {
        return new RuleSetSource(name, readFiles(folder));
    }

    /** Reads every regular, visible file directly in {@code folder}; empty when it does not exist. */
    public static SortedMap<String, byte[]> readFiles(Path folder) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : (Iterable<Path>) entries::iterator) {
                String fileName = file.getFileName().toString();
                if (Files.isRegularFile(file) && isPlainFileName(fileName)) {
                    files.put(fileName, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
        return files;
    }

    /** True for names a rule-set file may have: no separators, no hidden or editor backup files. */
    public static boolean isPlainFileName(String fileName) {
        return FILE_NAME.matcher(fileName).matches() && !fileName.endsWith("~") && !fileName.endsWith(".swp");
    }

    /** This source with {@code edits} applied: a file name mapped to null is removed. */
    public RuleSetSource with(Map<String, String> edits) {
        SortedMap<String, byte[]> edited = new TreeMap<>(files);
        edits.forEach((file, text) -> {
            if (text == null) {
                edited.remove(file);
            } else {
                edited.put(file, text.getBytes(StandardCharsets.UTF_8));
            }
        });
        return new RuleSetSource(name, edited);
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public SortedMap<String, byte[]> files() {
        return files;
    }

    public String text(String file) {
        byte[] bytes = files.get(file);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String hash(String name, SortedMap<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            files.forEach((file, bytes) -> {
                digest.update((byte) 0);
                digest.update(file.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, VERSION_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
