package io.shoprules.listing;

import io.shoprules.engine.RuleFileError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the term lists of the {@code listing} rule set: files named {@code *.terms}, one entry a
 * line, fields separated by {@code |}:
 *
 * <pre>
 * # comment
 * 最佳     | ABSOLUTE_TERM | BLOCK | 优质
 * 根治     | MEDICAL_CLAIM | BLOCK
 * 最近     | ALLOW
 * 第一     | ALLOW | CLAUSE
 * 最大     | ALLOW | BEFORE_NUMBER
 * </pre>
 *
 * An allowed phrase may say where it applies ({@link AllowedWhen}): anywhere (the default), only as
 * a clause of its own, or only before a number.
 *
 * A line that cannot be read is reported with its file and line; nothing of a list with such a
 * line is used.
 */
final class TermLists {

    static final String SUFFIX = ".terms";
    private static final String ALLOW = "ALLOW";

    private TermLists() {
    }

    record Parsed(List<ListedTerm> terms, List<RuleFileError> errors) {
    }

    /** @param files the term lists by file name (the name errors report) */
    static Parsed parse(Map<String, String> files) {
        List<ListedTerm> terms = new ArrayList<>();
        List<RuleFileError> errors = new ArrayList<>();
        files.forEach((path, text) -> {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    terms.add(parseLine(line, path, i + 1));
                } catch (IllegalArgumentException e) {
                    errors.add(new RuleFileError(path, i + 1, 1, e.getMessage()));
                }
            }
        });
        return new Parsed(terms, errors);
    }

    private static ListedTerm parseLine(String line, String file, int number) {
        String[] fields = Arrays.stream(line.split("\\|", -1)).map(String::strip).toArray(String[]::new);
        String term = fields[0];
        if (term.isEmpty()) {
            throw new IllegalArgumentException("the term is empty; a line reads 'term | CATEGORY | SEVERITY | suggestion'");
        }
        if (fields.length < 2 || fields[1].isEmpty()) {
            throw new IllegalArgumentException("'" + term + "' has no category; a line reads 'term | CATEGORY | SEVERITY"
                    + " | suggestion' or 'phrase | ALLOW'");
        }
        String category = fields[1].toUpperCase(Locale.ROOT);
        if (category.equals(ALLOW)) {
            if (fields.length > 3) {
                throw new IllegalArgumentException("an allowed phrase takes no severity or suggestion: 'phrase | ALLOW'"
                        + " or 'phrase | ALLOW | WHERE' with WHERE one of " + Arrays.toString(AllowedWhen.values()));
            }
            AllowedWhen when = fields.length == 3 && !fields[2].isEmpty()
                    ? valueOf(AllowedWhen.class, fields[2].toUpperCase(Locale.ROOT), "place for an allowed phrase", null)
                    : AllowedWhen.ANYWHERE;
            return new ListedTerm(term, null, null, null, file, number, when);
        }
        TermCategory termCategory = valueOf(TermCategory.class, category, "category", ALLOW);
        if (fields.length < 3 || fields[2].isEmpty()) {
            throw new IllegalArgumentException("'" + term + "' has no severity (BLOCK or WARN)");
        }
        Severity severity = valueOf(Severity.class, fields[2].toUpperCase(Locale.ROOT), "severity", null);
        if (fields.length > 4) {
            throw new IllegalArgumentException("too many fields; a line reads 'term | CATEGORY | SEVERITY | suggestion'");
        }
        String suggestion = fields.length == 4 && !fields[3].isEmpty() ? fields[3] : null;
        return new ListedTerm(term, termCategory, severity, suggestion, file, number);
    }

    private static <E extends Enum<E>> E valueOf(Class<E> type, String value, String what, String alsoAllowed) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            List<String> known = new ArrayList<>(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
            if (alsoAllowed != null) {
                known.add(alsoAllowed);
            }
            throw new IllegalArgumentException("unknown " + what + " '" + value + "', expected one of " + known);
        }
    }
}
