package io.shoprules.engine;

import io.shoprules.errors.InvalidInputException;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one rule set as they were read: DRL, decision tables and data files, by their path
 * relative to the rule set's folder. The version is a hash of exactly these bytes, so the same
 * files always carry the same version on every instance.
 *
 * <p>A rule set's files may hold {@code shoprules.rules.max-rule-set-bytes} together: a 6.9 MB rule
 * file compiled for 131 s at 1.85 GB RSS. A file that would pass the limit is not read at all; the
 * source then carries an error naming it and its size, and {@link #files()} refuses to hand the files
 * to the compiler, so the rule set is rejected like any broken edit.
 */
public final class RuleSetSource {

    /** Plain names only: no folders, no way out of the rule set's folder, no hidden files. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int VERSION_LENGTH = 12;
    /**
     * 256 KiB: fifteen times the largest shipped rule set (listing, 17 KB), and a few seconds of
     * compiling where 6.9 MB took over two minutes.
     */
    public static final String DEFAULT_MAX_BYTES = "262144";
    private static final String MAX_BYTES_KEY = "shoprules.rules.max-rule-set-bytes";

    private final String name;
    private final SortedMap<String, byte[]> files;
    private final String version;
    /** Unlimited (Long.MAX_VALUE) unless read from a rule set's folder. */
    private final long maxBytes;
    /** Files of the folder left unread for their size, and what identifies their content for the version. */
    private final List<RuleFileError> unread;
    private final String unreadKey;
    private final List<RuleFileError> oversize;

    public RuleSetSource(String name, Map<String, byte[]> files) {
        this(name, files, Long.MAX_VALUE, List.of(), "");
    }

    private RuleSetSource(String name, Map<String, byte[]> files, long maxBytes, List<RuleFileError> unread, String unreadKey) {
        this.name = name;
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        this.maxBytes = maxBytes;
        this.unread = List.copyOf(unread);
        this.unreadKey = unreadKey;
        List<RuleFileError> errors = new ArrayList<>(unread);
        errors.addAll(oversize(this.files, maxBytes));
        this.oversize = List.copyOf(errors);
        this.version = hash(name + unreadKey, this.files);
    }

    /** Reads every regular, visible file directly in {@code folder}, up to the configured size of a rule set. */
    public static RuleSetSource read(String name, Path folder) {
        return read(name, folder, ConfigProvider.getConfig().getOptionalValue(MAX_BYTES_KEY, Long.class)
                .orElse(Long.parseLong(DEFAULT_MAX_BYTES)));
    }

    /** Reads every regular, visible file directly in {@code folder}; a file that would pass {@code maxBytes} is not read. */
    static RuleSetSource read(String name, Path folder, long maxBytes) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<RuleFileError> unread = new ArrayList<>();
        StringBuilder unreadKey = new StringBuilder();
        if (!Files.isDirectory(folder)) {
            return new RuleSetSource(name, files, maxBytes, unread, "");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            long total = 0;
            for (Path file : (Iterable<Path>) entries.sorted()::iterator) {
                String fileName = file.getFileName().toString();
                if (!Files.isRegularFile(file) || !isPlainFileName(fileName)) {
                    continue;
                }
                long size = Files.size(file);
                if (total + size > maxBytes) {
                    unread.add(tooLarge(fileName, size, total, maxBytes));
                    // an edit of the unread file must still give a new version (and a fresh report)
                    unreadKey.append('\0').append(fileName).append(':').append(size).append(':')
                            .append(Files.getLastModifiedTime(file).toMillis());
                    continue;
                }
                files.put(fileName, Files.readAllBytes(file));
                total += size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
        return new RuleSetSource(name, files, maxBytes, unread, unreadKey.toString());
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
    /**
     * Refuses a draft whose file names are not plain file names, naming the first as
     * {@code field[name]}: a draft names files of one folder, never a path.
     *
     * @throws InvalidInputException for the first name that is not plain
     */
    public static void requirePlainFileNames(String field, Map<String, ?> files) {
        if (files == null) {
            return;
        }
        for (String name : files.keySet()) {
            if (!isPlainFileName(name)) {
                throw new InvalidInputException(field + "[" + name + "]",
                        "a plain file name is expected (letters, digits, '.', '_', '-'; no folders)");
            }
        }
    }

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
        // a file left unread stays an error unless the edit replaces or removes it
        List<RuleFileError> stillUnread = unread.stream().filter(error -> !edits.containsKey(error.file())).toList();
        return new RuleSetSource(name, edited, maxBytes, stillUnread, stillUnread.isEmpty() ? "" : unreadKey);
    }

    /** This source with {@code edits} applied byte for byte: a file mapped to null is removed. */
    public RuleSetSource withFiles(Map<String, byte[]> edits) {
        SortedMap<String, byte[]> edited = new TreeMap<>(files);
        edits.forEach((file, bytes) -> {
            if (bytes == null) {
                edited.remove(file);
            } else {
                edited.put(file, bytes);
            }
        });
        List<RuleFileError> stillUnread = unread.stream().filter(error -> !edits.containsKey(error.file())).toList();
        return new RuleSetSource(name, edited, maxBytes, stillUnread, stillUnread.isEmpty() ? "" : unreadKey);
    }

    /** The names of the files, read or too large to read. */
    public java.util.Set<String> fileNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(files.keySet());
        unread.forEach(error -> names.add(error.file()));
        return names;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /**
     * The files, to compile or read data from.
     *
     * @throws RuleSetRejectedException naming the files that pass the size limit of a rule set
     */
    public SortedMap<String, byte[]> files() {
        if (!oversize.isEmpty()) {
            throw new RuleSetRejectedException(name, oversize);
        }
        return files;
    }

    private static List<RuleFileError> oversize(SortedMap<String, byte[]> files, long maxBytes) {
        List<RuleFileError> errors = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            long size = file.getValue().length;
            if (total + size > maxBytes) {
                errors.add(tooLarge(file.getKey(), size, total, maxBytes));
            } else {
                total += size;
            }
        }
        return errors;
    }

    private static RuleFileError tooLarge(String file, long size, long others, long maxBytes) {
        return RuleFileError.of(file, String.format("%,d bytes: a rule set's files may hold %,d bytes together"
                + " (shoprules.rules.max-rule-set-bytes), and the files before it hold %,d", size, maxBytes, others));
    }

    public String text(String file) {
        byte[] bytes = files.get(file);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String hash(String name, SortedMap<String, byte[]> files) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        files.forEach((file, bytes) -> {
            digest.update((byte) 0);
            digest.update(file.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(bytes);
        });
        return HexFormat.of().formatHex(digest.digest()).substring(0, VERSION_LENGTH);
    }
}
