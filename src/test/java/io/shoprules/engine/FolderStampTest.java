package io.shoprules.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderStampTest {

    @TempDir
    Path dir;
    Path rules;
    Path scenarios;

    @BeforeEach
    void folders() throws IOException {
        rules = Files.createDirectories(dir.resolve("rules"));
        scenarios = Files.createDirectories(dir.resolve("scenarios"));
        writeAged(rules.resolve("restock.drl"), "rule \"a\" when then end");
        writeAged(scenarios.resolve("one.yaml"), "name: one");
    }

    @Test
    void anUntouchedFolderStampsTheSameAndIsSettledOnceItsTimesAreOldEnough() {
        FolderStamp first = FolderStamp.of(rules, scenarios);
        FolderStamp later = FolderStamp.of(Instant.now().plus(Duration.ofMinutes(1)), rules, scenarios);

        assertEquals(first, later);
        assertTrue(later.settled());
    }

    @Test
    void aFileJustWrittenIsNotSettledSoItsFilesAreRead() throws IOException {
        Files.writeString(rules.resolve("clearance.drl"), "rule \"b\" when then end");

        assertFalse(FolderStamp.of(rules, scenarios).settled());
    }

    @Test
    void aFileDatedBackIsStillNotSettledWhileItsChangeTimeIsRecent() throws IOException {
        // setting the modification time back is itself a change: ctime says so
        assertFalse(FolderStamp.of(rules, scenarios).settled());
    }

    @Test
    void anEditOfTheSameSizeWithItsOldModificationTimeStillChangesTheStamp() throws IOException {
        Path file = rules.resolve("restock.drl");
        FileTime before = Files.getLastModifiedTime(file);
        FolderStamp first = FolderStamp.of(rules, scenarios);

        Files.writeString(file, "rule \"z\" when then end");
        Files.setLastModifiedTime(file, before);

        // the change time moved even though the modification time was set back
        assertNotEquals(first, FolderStamp.of(rules, scenarios));
    }

    @Test
    void anAddedRemovedOrRenamedFileChangesTheStamp() throws IOException {
        FolderStamp first = FolderStamp.of(rules, scenarios);

        writeAged(scenarios.resolve("two.yaml"), "name: two");
        FolderStamp added = FolderStamp.of(rules, scenarios);
        Files.move(scenarios.resolve("two.yaml"), scenarios.resolve("three.yaml"));
        FolderStamp renamed = FolderStamp.of(rules, scenarios);
        Files.delete(scenarios.resolve("three.yaml"));
        FolderStamp removed = FolderStamp.of(rules, scenarios);

        assertNotEquals(first, added);
        assertNotEquals(added, renamed);
        assertNotEquals(renamed, removed);
    }

    @Test
    void aMissingFolderStampsDifferentlyFromAnEmptyOne() throws IOException {
        Path absent = dir.resolve("absent");
        FolderStamp missing = FolderStamp.of(rules, absent);

        Files.createDirectories(absent);

        assertNotEquals(missing, FolderStamp.of(rules, absent));
    }

    /** Written and its modification time set an hour back (its change time stays now). */
    private static void writeAged(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    }
}
