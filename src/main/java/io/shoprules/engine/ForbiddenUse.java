package io.shoprules.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the check of the generated code refused into errors operations can act on: the rule
 * file and the line where the refused name is written. Generated classes carry no DRL positions,
 * so the name is looked up in the text (unicode escapes decoded, as the compiler reads them): the
 * type's simple name first, then the member's. A name written in no DRL file (a decision table, or
 * code Drools wrote for a construct) is reported for the rule set.
 */
final class ForbiddenUse {

    private static final String ALLOWED = " (rules may use the application's facts and decisions, java.lang basics,"
            + " java.time, java.math and java.util; checked on the compiled rules)";

    private ForbiddenUse() {
    }

    static List<RuleFileError> locate(RuleSetSource source, List<RuleCodeCheck.Refusal> refusals) {
        List<RuleFileError> errors = new ArrayList<>();
        for (RuleCodeCheck.Refusal refusal : refusals) {
            errors.add(position(source, refusal, "forbidden in rule files: " + refusal.what() + ALLOWED));
        }
        return errors;
    }

    private static RuleFileError position(RuleSetSource source, RuleCodeCheck.Refusal refusal, String message) {
        String owner = refusal.owner();
        String simpleName = owner.substring(Math.max(owner.lastIndexOf('/'), owner.lastIndexOf('$')) + 1);
        List<String> names = new ArrayList<>(List.of(simpleName));
        if (refusal.member() != null && !refusal.member().startsWith("<")) {
            names.add(refusal.member());
        }
        for (String name : names) {
            Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
            for (Map.Entry<String, byte[]> file : source.files().entrySet()) {
                if (!file.getKey().endsWith(".drl")) {
                    continue;
                }
                String text = RuleTextCheck.decodeUnicodeEscapes(new String(file.getValue(), StandardCharsets.UTF_8));
                Matcher found = word.matcher(text);
                if (found.find()) {
                    return CompileErrors.at(file.getKey(), text, found.start(), message);
                }
            }
        }
        String table = source.files().keySet().stream().filter(RuleSetCompiler::isRuleFile)
                .filter(name -> !name.endsWith(".drl")).findFirst().orElse(null);
        return RuleFileError.of(table, message);
    }
}
