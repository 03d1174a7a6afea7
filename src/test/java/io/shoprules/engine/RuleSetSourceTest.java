package io.shoprules.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleSetSourceTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sameFilesAlwaysGiveTheSameVersion() {
        RuleSetSource one = new RuleSetSource("inventory", Map.of("a.drl", bytes("x"), "b.drl", bytes("y")));
        RuleSetSource two = new RuleSetSource("inventory", Map.of("b.drl", bytes("y"), "a.drl", bytes("x")));
        assertEquals(one.version(), two.version());
    }

    @Test
    void anyEditGivesANewVersion() {
        RuleSetSource original = new RuleSetSource("inventory", Map.of("a.drl", bytes("x")));
        assertNotEquals(original.version(), original.with(Map.of("a.drl", "x ")).version());
        assertNotEquals(original.version(), new RuleSetSource("inventory", Map.of("b.drl", bytes("x"))).version());
        assertNotEquals(original.version(), new RuleSetSource("cart", Map.of("a.drl", bytes("x"))).version());
    }

    @Test
    void aNullEditRemovesTheFile() {
        RuleSetSource source = new RuleSetSource("inventory", Map.of("a.drl", bytes("x"), "b.drl", bytes("y")));
        java.util.HashMap<String, String> edits = new java.util.HashMap<>();
        edits.put("b.drl", null);
        assertFalse(source.with(edits).files().containsKey("b.drl"));
    }

    @Test
    void onlyPlainFileNamesAreRuleSetFiles() {
        assertTrue(RuleSetSource.isPlainFileName("restock.drl"));
        assertTrue(RuleSetSource.isPlainFileName("pricing.drl.xlsx"));
        assertFalse(RuleSetSource.isPlainFileName("../restock.drl"));
        assertFalse(RuleSetSource.isPlainFileName("sub/restock.drl"));
        assertFalse(RuleSetSource.isPlainFileName(".restock.drl.tmp"));
        assertFalse(RuleSetSource.isPlainFileName("restock.drl~"));
    }

    @Test
    void aFileThatWouldPassTheSizeLimitIsNotReadAndRejectsTheRuleSetNamingIt(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("a.drl"), "x".repeat(60));
        Files.writeString(folder.resolve("b.drl"), "y".repeat(50));
        RuleSetSource source = RuleSetSource.read("inventory", folder, 100);
        RuleSetRejectedException rejected = assertThrows(RuleSetRejectedException.class, source::files);
        assertEquals("b.drl", rejected.errors().get(0).file());
        assertTrue(rejected.errors().get(0).message().startsWith("50 bytes"), rejected.errors().get(0).message());
        assertFalse(source.with(Map.of("b.drl", "y")).files().isEmpty(), "an edit that brings it under the limit passes");
    }

    @Test
    void aDraftThatPassesTheSizeLimitIsRejectedNamingTheFile(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("a.drl"), "x".repeat(60));
        RuleSetSource draft = RuleSetSource.read("inventory", folder, 100).with(Map.of("b.drl", "y".repeat(41)));
        RuleSetRejectedException rejected = assertThrows(RuleSetRejectedException.class, draft::files);
        assertEquals("b.drl", rejected.errors().get(0).file());
    }
}
