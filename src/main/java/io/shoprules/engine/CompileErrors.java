package io.shoprules.engine;

import org.kie.api.builder.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the compiler's errors where operations wrote the code. The executable model turns each
 * rule into Java and compiles that, so an error in a consequence, a function or a declared
 * default is reported against a generated Java file (with the file's text in a separate message).
 * The code at the error's offset in that text is looked up in the rule files, and the error is
 * reported at the rule file, line and column where it was written.
 */
final class CompileErrors {

    /** Drools adds this after every syntax error; it says nothing the syntax error does not. */
    private static final String PARSER_AFTERMATH = "Parser returned a null Package";
    /** How the DRL parser starts its messages ("[ERR 102] Line 8:24 mismatched input ..."). */
    private static final String SYNTAX_ERROR = "[ERR ";
    /** The parser writes the position into the text ("Line 54:41", column counted from 0). */
    private static final Pattern POSITION = Pattern.compile("Line (\\d+):(\\d+)");
    /** The message that carries a generated file's text, after the error in it. */
    private static final Pattern GENERATED_SOURCE = Pattern.compile("(?s)Java source of (\\S+) in error:\\s*\\n(.*)");
    private static final String GENERATED = "src/main/java/";
    /** Names in a message worth looking for: a call or a type ("BigDecimal(int)", "Undefined cannot be resolved"). */
    private static final Pattern NAME = Pattern.compile("([A-Za-z_$][\\w$]*)(\\()?");
    /** Capitalised words the compiler's sentences start with, not names to look for. */
    private static final Set<String> SENTENCE_WORDS = Set.of("The", "Only", "Cannot", "Unable", "Syntax", "Duplicate",
            "Type", "Unhandled", "Unreachable", "Return", "This", "Java");
    private static final int SHORTEST_SNIPPET = 4;
    private static final int LONGEST_SNIPPET = 40;

    private CompileErrors() {
    }

    static List<RuleFileError> of(List<Message> messages, RuleSetSource source, String folder) {
        Map<String, String> generatedSources = new HashMap<>();
        for (Message message : messages) {
            Matcher generated = GENERATED_SOURCE.matcher(message.getText());
            if (generated.find()) {
                generatedSources.put(generated.group(1), generated.group(2));
            }
        }
        Set<RuleFileError> errors = new LinkedHashSet<>();
        for (Message message : messages) {
            String text = message.getText();
            if (text.contains(PARSER_AFTERMATH) || GENERATED_SOURCE.matcher(text).find()) {
                continue;
            }
            String path = message.getPath();
            if (path != null && path.startsWith(GENERATED)) {
                errors.add(fromGeneratedCode(message, generatedSources.get(path), source));
            } else if (path == null) {
                errors.add(byName(text.strip(), source));
            } else {
                errors.add(fromRuleFile(message, folder));
            }
        }
        return withoutAftermath(List.copyOf(errors));
    }

    /** An error Drools positioned in the rule file itself (parser, patterns). */
    private static RuleFileError fromRuleFile(Message message, String folder) {
        String path = message.getPath();
        int at = path.indexOf(folder);
        String file = at < 0 ? path : path.substring(at + folder.length());
        Integer line = message.getLine() > 0 ? message.getLine() : null;
        Integer column = message.getColumn() > 0 ? message.getColumn() : null;
        Matcher position = POSITION.matcher(message.getText());
        if (column == null && position.find()) {
            line = Integer.valueOf(position.group(1));
            column = Integer.parseInt(position.group(2)) + 1;
        }
        return new RuleFileError(file, line, column, message.getText().strip());
    }

    /** ECJ's column is an offset into the generated file; the code there is searched for in the rule files. */
    private static RuleFileError fromGeneratedCode(Message message, String generated, RuleSetSource source) {
        String text = message.getText().strip();
        int offset = message.getColumn();
        if (generated != null && offset >= 0 && offset < generated.length()) {
            String code = generated.substring(offset, Math.min(generated.length(), offset + LONGEST_SNIPPET));
            int end = code.indexOf('\n');
            code = (end < 0 ? code : code.substring(0, end)).strip();
            for (int length = code.length(); length >= SHORTEST_SNIPPET; length--) {
                RuleFileError found = find(source, Pattern.quote(code.substring(0, length)), text, true);
                if (found != null) {
                    return found;
                }
            }
        }
        return byName(text, source);
    }

    /** Where a name the message mentions is first written: a call first, then any use of it. */
    private static RuleFileError byName(String text, RuleSetSource source) {
        Matcher name = NAME.matcher(text);
        List<String> calls = new ArrayList<>();
        List<String> words = new ArrayList<>();
        while (name.find()) {
            if (name.group(2) != null) {
                calls.add("\\b" + Pattern.quote(name.group(1)) + "\\s*\\(");
            } else if (Character.isUpperCase(name.group(1).charAt(0)) && !SENTENCE_WORDS.contains(name.group(1))) {
                words.add("\\b" + Pattern.quote(name.group(1)) + "\\b");
            }
        }
        calls.addAll(words);
        // a use in code says more than the import of it; an import alone (an unknown type) still locates it
        for (boolean importsToo : new boolean[] {false, true}) {
            for (String pattern : calls) {
                RuleFileError found = find(source, pattern, text, importsToo);
                if (found != null) {
                    return found;
                }
            }
        }
        return RuleFileError.of(null, text);
    }

    /** The first place {@code pattern} is written; imports count only for code taken from the generated file. */
    private static RuleFileError find(RuleSetSource source, String pattern, String message, boolean importsToo) {
        Pattern code = Pattern.compile(pattern);
        for (Map.Entry<String, byte[]> file : source.files().entrySet()) {
            if (!file.getKey().endsWith(".drl")) {
                continue;
            }
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            Matcher found = code.matcher(text);
            while (found.find()) {
                if (importsToo || !inImport(text, found.start())) {
                    return at(file.getKey(), text, found.start(), message);
                }
            }
        }
        return null;
    }

    private static boolean inImport(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        return text.startsWith("import ", lineStart) && !text.substring(lineStart, offset).contains(";");
    }

    static RuleFileError at(String file, String text, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new RuleFileError(file, line, offset - lineStart + 1, message);
    }

    /**
     * A syntax error in one file leaves its declared types undefined, and every other file of the
     * package then fails to resolve them; only the syntax errors tell operations what to fix.
     */
    private static List<RuleFileError> withoutAftermath(List<RuleFileError> errors) {
        List<RuleFileError> syntax = errors.stream().filter(e -> e.message().startsWith(SYNTAX_ERROR)).toList();
        return syntax.isEmpty() ? errors : syntax;
    }
}
