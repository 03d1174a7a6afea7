package io.shoprules.versions;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A unified diff between two versions of a rule set, file by file, in the format `patch` reads. */
public final class VersionDiff {

    /** Lines of context around each change, as {@code diff -u}. */
    private static final int CONTEXT = 3;
    private static final String ABSENT = "/dev/null";

    private VersionDiff() {
    }

    public static String between(String fromVersion, Map<String, byte[]> from, String toVersion, Map<String, byte[]> to) {
        StringBuilder diff = new StringBuilder();
        TreeSet<String> names = new TreeSet<>(from.keySet());
        names.addAll(to.keySet());
        for (String name : names) {
            List<String> before = lines(from.get(name));
            List<String> after = lines(to.get(name));
            Patch<String> patch = DiffUtils.diff(before, after);
            if (patch.getDeltas().isEmpty()) {
                continue;
            }
            String original = from.containsKey(name) ? fromVersion + "/" + name : ABSENT;
            String revised = to.containsKey(name) ? toVersion + "/" + name : ABSENT;
            for (String line : UnifiedDiffUtils.generateUnifiedDiff(original, revised, before, patch, CONTEXT)) {
                diff.append(line).append('\n');
            }
        }
        return diff.toString();
    }

    private static List<String> lines(byte[] bytes) {
        return bytes == null ? new ArrayList<>() : new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
}
