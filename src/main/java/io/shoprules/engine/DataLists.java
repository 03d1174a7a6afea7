package io.shoprules.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lists operations keep as data files in a rule set's folder, one entry per line: a file
 * {@code core-cities.list} is the global {@code coreCities}, a {@code java.util.Set} of its lines,
 * for every rule file that declares {@code global java.util.Set coreCities;}. Blank lines and lines
 * starting with {@code #} are left out; entries are trimmed.
 */
public final class DataLists {

    public static final String SUFFIX = ".list";

    private DataLists() {
    }

    /**
     * Every list of {@code source}, by global name.
     *
     * @throws RuleSetRejectedException when a file's name makes no global name
     */
    public static Map<String, Object> of(RuleSetSource source) {
        Map<String, Object> lists = new TreeMap<>();
        List<RuleFileError> errors = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : source.files().entrySet()) {
            if (!file.getKey().endsWith(SUFFIX)) {
                continue;
            }
            String global = globalName(file.getKey().substring(0, file.getKey().length() - SUFFIX.length()));
            if (global == null) {
                errors.add(RuleFileError.of(file.getKey(), "a list's file name is letters, digits and dashes,"
                        + " starting with a letter (core-cities.list is the global coreCities)"));
                continue;
            }
            Set<String> entries = new LinkedHashSet<>();
            new String(file.getValue(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(entries::add);
            lists.put(global, Collections.unmodifiableSet(entries));
        }
        if (!errors.isEmpty()) {
            throw new RuleSetRejectedException(source.name(), errors);
        }
        return lists;
    }

    /** {@code core-cities} gives {@code coreCities}; null for a name that makes no Java identifier. */
    static String globalName(String stem) {
        if (!stem.matches("[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*")) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : stem.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
