package io.shoprules.listing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Traditional → simplified Chinese, one character at a time, from OpenCC's character table (shipped
 * in the opencc4j jar). Converting whole texts with a converter costs more than the matching
 * itself; a per-character table costs one map look-up per character.
 */
final class ChineseCharacters {

    private static final String TABLE = "data/dictionary/TSCharacters.txt";
    private static final Map<Integer, Integer> SIMPLIFIED = load();

    private ChineseCharacters() {
    }

    /** The simplified form of {@code codePoint}, or the code point itself. */
    static int simplified(int codePoint) {
        return SIMPLIFIED.getOrDefault(codePoint, codePoint);
    }

    private static Map<Integer, Integer> load() {
        InputStream in = ChineseCharacters.class.getClassLoader().getResourceAsStream(TABLE);
        if (in == null) {
            throw new IllegalStateException(TABLE + " is missing from the class path (the opencc4j dependency)");
        }
        Map<Integer, Integer> table = new HashMap<>(8192);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                if (tab <= 0 || tab + 1 >= line.length()) {
                    continue;
                }
                String traditional = line.substring(0, tab);
                // "trad<TAB>simp1 simp2": the first simplified form is OpenCC's default
                if (traditional.codePointCount(0, traditional.length()) == 1) {
                    table.put(traditional.codePointAt(0), line.codePointAt(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE, e);
        }
        return Map.copyOf(table);
    }
}
