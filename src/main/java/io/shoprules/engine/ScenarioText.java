package io.shoprules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario YAML as text: values written the way the shipped scenarios write them, and the
 * {@code expect:} block of a file replaced without touching a byte of the rest (its comments,
 * {@code now}, {@code facts}, {@code exactly}, {@code expectNone}, key order). A YAML library would
 * read and write the values but drop the comments, which carry each scenario's arithmetic.
 */
public final class ScenarioText {

    private static final Pattern EXPECT_KEY = Pattern.compile("^expect\\s*:(.*)$");
    private static final Pattern EXPECT_NONE_KEY = Pattern.compile("^expectNone\\s*:.*$");
    /** Text YAML reads back as the same string without quotes, in block and in flow context. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");
    private static final int DIFF_CONTEXT = 3;

    private ScenarioText() {
    }

    /** How the old block wrote its entries: one flow mapping a line, or a block mapping each. */
    record Style(boolean flow, String indent, String keyComment) {
    }

    /** A value in YAML flow style, on one line: {@code {type: RESTOCK, quantity: 50}}. */
    public static String flow(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isObject()) {
            List<String> fields = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                fields.add(scalar(entry.getKey()) + ": " + flow(entry.getValue()));
            }
            return "{" + String.join(", ", fields) + "}";
        }
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(element -> elements.add(flow(element)));
            return "[" + String.join(", ", elements) + "]";
        }
        if (value.isBigDecimal() || value.isFloatingPointNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        return scalar(value.asText());
    }

    /** A string YAML reads back as that string: plain when that is safe, quoted otherwise. */
    static String scalar(String text) {
        if (PLAIN.matcher(text).matches() && !YAML_WORDS.contains(text.toLowerCase(java.util.Locale.ROOT))) {
            return text;
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // a JSON string is a YAML double-quoted scalar: escapes for control characters
            return JsonNodeFactory.instance.textNode(text).toString();
        }
        return "'" + text.replace("'", "''") + "'";
    }

    /** The entries as the old block wrote them; an empty list is {@code expect: []}. */
    static String expectBlock(List<JsonNode> entries, Style style) {
        String comment = style.keyComment().isEmpty() ? "" : " " + style.keyComment();
        if (entries.isEmpty()) {
            return "expect: []" + comment + "\n";
        }
        StringBuilder block = new StringBuilder("expect:").append(comment).append('\n');
        for (JsonNode entry : entries) {
            if (style.flow()) {
                block.append(style.indent()).append("- ").append(flow(entry)).append('\n');
                continue;
            }
            String prefix = style.indent() + "- ";
            Iterator<Map.Entry<String, JsonNode>> fields = entry.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                block.append(prefix).append(scalar(field.getKey())).append(": ").append(flow(field.getValue())).append('\n');
                prefix = style.indent() + "  ";
            }
        }
        return block.toString();
    }

    /** How {@code text} writes its expect block; flow entries, no indent, when it has none. */
    static Style styleOf(String text) {
        List<String> lines = text.lines().toList();
        Block block = find(lines);
        if (block == null) {
            return new Style(true, "", "");
        }
        Matcher key = EXPECT_KEY.matcher(lines.get(block.start()));
        key.matches();
        String rest = key.group(1).strip();
        String keyComment = rest.startsWith("#") ? rest : "";
        for (int i = block.start() + 1; i < block.end(); i++) {
            String line = lines.get(i);
            String content = line.stripLeading();
            if (content.startsWith("- ")) {
                String indent = line.substring(0, line.length() - content.length());
                return new Style(content.substring(2).stripLeading().startsWith("{"), indent, keyComment);
            }
        }
        return new Style(true, "", keyComment);
    }

    /**
     * {@code text} with its top-level {@code expect:} block (the key line and every line that belongs
     * to it) replaced by {@code block}; without one, the block goes before {@code expectNone:} or at
     * the end. Comments between the entries of the old block go with it: they explained old values.
     */
    static String replaceExpect(String text, String block) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<String> replacement = block.lines().toList();
        Block old = find(lines);
        if (old != null) {
            lines.subList(old.start(), old.end()).clear();
            lines.addAll(old.start(), replacement);
        } else {
            int at = lines.size();
            for (int i = 0; i < lines.size(); i++) {
                if (EXPECT_NONE_KEY.matcher(lines.get(i)).matches()) {
                    at = i;
                    break;
                }
            }
            lines.addAll(at, replacement);
        }
        return String.join(newline, lines) + newline;
    }

    /** Lines [start, end) of the expect block; trailing comment and blank lines belong to what follows. */
    private record Block(int start, int end) {
    }

    private static Block find(List<String> lines) {
        for (int start = 0; start < lines.size(); start++) {
            if (!EXPECT_KEY.matcher(lines.get(start)).matches()) {
                continue;
            }
            int end = start + 1;
            int lastContent = start + 1;
            while (end < lines.size()) {
                String line = lines.get(end);
                boolean blankOrComment = line.isBlank() || line.stripLeading().startsWith("#");
                boolean inside = line.startsWith(" ") || line.startsWith("\t") || line.startsWith("-");
                if (!blankOrComment && !inside) {
                    break;
                }
                end++;
                if (!blankOrComment) {
                    lastContent = end;
                }
            }
            return new Block(start, lastContent);
        }
        return null;
    }

    /** A unified diff of one file, as {@code diff -u} writes it; empty when nothing changed. */
    static String diff(String file, String before, String after) {
        List<String> from = before.lines().toList();
        List<String> to = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(from, to);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        StringBuilder diff = new StringBuilder();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff("a/" + file, "b/" + file, from, patch, DIFF_CONTEXT)) {
            diff.append(line).append('\n');
        }
        return diff.toString();
    }
}
