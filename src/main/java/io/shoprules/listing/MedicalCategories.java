package io.shoprules.listing;

import io.shoprules.engine.RuleFileError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The product categories whose listings may make medical claims (Advertising Law art. 17: medicine,
 * medical devices), read from the rule set's {@code *.categories} files, one name a line, synonyms
 * on lines of their own. Handed to the rules as the global {@code medicalCategories}.
 *
 * <p>A shop's category is folded like listing copy (width, case, traditional characters) and may be
 * a path: {@code 医药健康/医疗器械}, {@code 医药 > OTC药品}. It is medical when the whole of it, or
 * any one step of the path, is a listed name. Immutable, built once per rule-set version.
 */
public final class MedicalCategories {

    static final String SUFFIX = ".categories";
    private static final TextFolding FOLDING = new TextFolding(Set.of());

    private final Set<String> names;

    private MedicalCategories(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    record Parsed(MedicalCategories categories, List<RuleFileError> errors) {
    }

    /** @param files the category lists by file name (the name errors report) */
    static Parsed parse(Map<String, String> files) {
        Map<String, String> seen = new HashMap<>();
        List<RuleFileError> errors = new ArrayList<>();
        files.forEach((file, text) -> {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String name = lines[i].strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                String key = FOLDING.foldTerm(name);
                String where = file + ":" + (i + 1);
                if (key.isEmpty()) {
                    errors.add(new RuleFileError(file, i + 1, 1, "'" + name + "' is nothing but spaces, punctuation or symbols"));
                } else if (seen.putIfAbsent(key, where) != null) {
                    errors.add(new RuleFileError(file, i + 1, 1, "'" + name + "' is listed already, at " + seen.get(key)));
                }
            }
        });
        return new Parsed(new MedicalCategories(seen.keySet()), errors);
    }

    /** Whether listings of {@code category} may make medical claims. */
    public boolean includes(String category) {
        if (category == null || category.isBlank()) {
            return false;
        }
        if (names.contains(FOLDING.foldTerm(category))) {
            return true;
        }
        StringBuilder step = new StringBuilder();
        for (int i = 0; i < category.length(); ) {
            int c = category.codePointAt(i);
            i += Character.charCount(c);
            if (!isPathSeparator(c)) {
                step.appendCodePoint(c);
            } else if (!step.isEmpty()) {
                if (names.contains(FOLDING.foldTerm(step.toString()))) {
                    return true;
                }
                step.setLength(0);
            }
        }
        return !step.isEmpty() && names.contains(FOLDING.foldTerm(step.toString()));
    }

    /** Between the steps of a category path: slashes, arrows, bars, commas, spaces... */
    private static boolean isPathSeparator(int c) {
        return TextFolding.isNoise(c) && c != '%';
    }

    /** Number of names listed. */
    public int size() {
        return names.size();
    }
}
