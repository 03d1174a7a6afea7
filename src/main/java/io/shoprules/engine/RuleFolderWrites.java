package io.shoprules.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes files into a rule set's folder so that no reader, on this instance or one sharing the
 * folder, ever reads half a file: each is written beside its place under a hidden name (which the
 * folder reader skips) and moved into place in one step.
 */
final class RuleFolderWrites {

    private RuleFolderWrites() {
    }

    /** Writes each file of {@code edits}; a file mapped to null is removed. */
    static void apply(Path folder, Map<String, byte[]> edits) {
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, byte[]> edit : edits.entrySet()) {
                Path target = folder.resolve(edit.getKey());
                if (edit.getValue() == null) {
                    Files.deleteIfExists(target);
                    continue;
                }
                Path aside = folder.resolve("." + edit.getKey() + ".writing");
                Files.write(aside, edit.getValue());
                try {
                    Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rule set's files into " + folder, e);
        }
    }
}
