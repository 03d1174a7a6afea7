package io.shoprules.console;

import java.util.List;

/** One line of a unified diff, with the class that colours it on a page. */
public record DiffLine(String text, String kind) {

    static List<DiffLine> of(String diff) {
        return diff.lines().map(line -> new DiffLine(line, line.startsWith("+++") || line.startsWith("---") ? "file"
                : line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : line.startsWith("@@") ? "hunk" : ""))
                .toList();
    }
}
