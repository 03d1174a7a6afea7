package io.shoprules.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a rule set's folders look like on disk without reading a file: each file's name, size,
 * modification and change times and identity. The watcher polls every second; reading and hashing
 * every rule and scenario file each time took 6.5 % of the service's CPU samples under load, while
 * one {@code stat} per file tells that nothing changed.
 *
 * <p>Like git's index, a stamp does not vouch for a file changed too recently: a file system that
 * keeps times in whole seconds (or two, as FAT does) can show the same size and time before and
 * after an edit made within that span. Such a stamp is not {@link #settled()}, and files read under
 * it are read again at the next poll. The change time ({@code ctime}, where the file system has one) also catches a
 * rewrite that sets the old modification time back, which no program can do to {@code ctime}.
 */
final class FolderStamp {

    /** The coarsest file time a supported file system keeps (FAT: two seconds). */
    private static final Duration COARSEST_FILE_TIME = Duration.ofSeconds(2);
    private static final boolean UNIX_TIMES = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    private final List<String> entries;
    private final boolean settled;

    private FolderStamp(List<String> entries, boolean settled) {
        this.entries = List.copyOf(entries);
        this.settled = settled;
    }

    /** Stamps every entry directly in each folder, in order; a missing folder stamps as missing. */
    static FolderStamp of(Path... folders) {
        return of(Instant.now(), folders);
    }

    /** As of {@code takenAt} on the file system's clock: files changed within the coarsest file time before it are not settled. */
    static FolderStamp of(Instant takenAt, Path... folders) {
        Instant newest = Instant.MIN;
        List<String> entries = new ArrayList<>();
        for (Path folder : folders) {
            entries.add("folder " + folder.getFileName() + (Files.isDirectory(folder) ? "" : " missing"));
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> listed = Files.list(folder)) {
                files = listed.sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
            for (Path file : files) {
                try {
                    BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
                    FileTime modified = basic.lastModifiedTime();
                    FileTime changed = UNIX_TIMES ? (FileTime) Files.getAttribute(file, "unix:ctime") : modified;
                    Instant latest = later(modified.toInstant(), changed.toInstant());
                    newest = later(latest, newest);
                    entries.add(file.getFileName() + " " + basic.size() + " " + modified.to(TimeUnit.NANOSECONDS) + " "
                            + changed.to(TimeUnit.NANOSECONDS) + " " + basic.fileKey() + (basic.isRegularFile() ? "" : " other"));
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                    // a file that went away while listed, or no such attribute here: the caller reads the files
                    return new FolderStamp(entries, false);
                }
            }
        }
        return new FolderStamp(entries, newest.isBefore(takenAt.minus(COARSEST_FILE_TIME)));
    }

    /** True when no file changed so recently that an edit could hide behind the same size and times. */
    boolean settled() {
        return settled;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Same entries; whether each stamp is settled is not part of it. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FolderStamp stamp && entries.equals(stamp.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }

    @Override
    public String toString() {
        return String.join("\n", entries) + (settled ? "" : "\n(not settled)");
    }
}
