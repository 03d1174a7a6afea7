package io.shoprules.console;

import io.shoprules.errors.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy numbers of a rule file: the fields of each {@code declare ... @policy ... end}
 * block, written {@code name : Type = default // comment}, read for a form and written back by
 * replacing only the default's text on its line, so every other byte of the file stays as it was.
 */
public final class PolicyNumbers {

    /** One field of a policy declaration; {@code editable} when its default fits on its own line. */
    public record Field(String file, String policy, String name, String type, int line, String expression,
                        String value, String comment, boolean editable) {

        /** The form field that carries this field's value. */
        public String formName() {
            return file + "/" + policy + "." + name;
        }

        /** A whole number or decimal, so the form can ask for one. */
        public boolean numeric() {
            return WHOLE_TYPES.contains(type) || DECIMAL_TYPES.contains(type);
        }
    }

    private static final Pattern DECLARE = Pattern.compile("^\\s*declare\\s+(\\w+)\\s*$");
    private static final Pattern FIELD = Pattern.compile(
            "^(\\s*(\\w+)\\s*:\\s*([\\w.]+)\\s*=\\s*)(.*?)(\\s*//\\s*(.*))?$");
    private static final Pattern DECIMAL_DEFAULT = Pattern.compile("new BigDecimal\\(\"(-?\\d+(?:\\.\\d+)?)\"\\)");
    private static final List<String> WHOLE_TYPES = List.of("int", "long", "Integer", "Long", "short");
    private static final List<String> DECIMAL_TYPES = List.of("BigDecimal", "double", "Double");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");
    /** What a free expression may not hold: it must stay one expression on its line. */
    private static final Pattern NOT_ONE_EXPRESSION = Pattern.compile("[\\r\\n;]|//|/\\*|\\*/");
    private static final int MAX_EXPRESSION = 500;

    private PolicyNumbers() {
    }

    /** The fields of every {@code @policy} declaration in {@code text}, in file order. */
    public static List<Field> in(String file, String text) {
        List<Field> fields = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String policy = null;
        boolean isPolicy = false;
        List<Field> block = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            Matcher declare = DECLARE.matcher(line);
            if (policy == null) {
                if (declare.matches()) {
                    policy = declare.group(1);
                    isPolicy = false;
                    block.clear();
                }
                continue;
            }
            String trimmed = line.trim();
            if (trimmed.equals("end")) {
                if (isPolicy) {
                    fields.addAll(block);
                }
                policy = null;
                continue;
            }
            if (trimmed.startsWith("@policy")) {
                isPolicy = true;
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (field.matches()) {
                String expression = field.group(4);
                boolean oneLine = balanced(expression);
                Matcher decimal = DECIMAL_DEFAULT.matcher(expression);
                String value = decimal.matches() ? decimal.group(1) : expression;
                block.add(new Field(file, policy, field.group(2), field.group(3), i + 1, expression, value,
                        field.group(6) == null ? "" : field.group(6).trim(), oneLine));
            }
        }
        return fields;
    }

    /**
     * {@code text} with the default of {@code field} set to {@code value}, nothing else changed.
     *
     * @throws InvalidInputException naming the form field when the value does not suit the type
     */
    public static String withValue(String text, Field field, String value) {
        String expression = expressionFor(field, value == null ? "" : value.trim());
        String[] lines = text.split("\n", -1);
        String line = lines[field.line() - 1];
        boolean cr = line.endsWith("\r");
        Matcher matcher = FIELD.matcher(stripCr(line));
        if (!matcher.matches() || !matcher.group(2).equals(field.name())) {
            throw new IllegalStateException(field.file() + ":" + field.line() + " no longer declares " + field.name());
        }
        lines[field.line() - 1] = matcher.group(1) + expression + (matcher.group(5) == null ? "" : matcher.group(5))
                + (cr ? "\r" : "");
        return String.join("\n", lines);
    }

    private static String expressionFor(Field field, String value) {
        if (!field.editable()) {
            throw new InvalidInputException(field.formName(), "spans several lines: edit it in the file");
        }
        if (WHOLE_TYPES.contains(field.type())) {
            require(field, WHOLE.matcher(value).matches(), "a whole number is required");
            return value;
        }
        if (field.type().equals("BigDecimal") && DECIMAL_DEFAULT.matcher(field.expression()).matches()) {
            require(field, DECIMAL.matcher(value).matches(), "a decimal number is required (digits with one point)");
            return "new BigDecimal(\"" + value + "\")";
        }
        if (DECIMAL_TYPES.contains(field.type())) {
            require(field, DECIMAL.matcher(value).matches(), "a decimal number is required (digits with one point)");
            return value;
        }
        require(field, !value.isEmpty() && value.length() <= MAX_EXPRESSION && !NOT_ONE_EXPRESSION.matcher(value).find()
                && balanced(value), "one expression on one line is required, as " + field.expression());
        return value;
    }

    private static void require(Field field, boolean holds, String message) {
        if (!holds) {
            throw new InvalidInputException(field.formName(), field.policy() + "." + field.name() + ": " + message);
        }
    }

    /** Whether brackets and quotes close on the line: a default continued on the next line does not. */
    private static boolean balanced(String expression) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '"' && (i == 0 || expression.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']' || c == '}')) {
                depth--;
            }
        }
        return depth == 0 && !quoted && !expression.endsWith(",");
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
