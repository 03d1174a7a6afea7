package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What a reload did to one rule set. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReloadOutcome(String ruleSet, Result result, String version, List<RuleFileError> errors) {

    public enum Result {
        /** A new version passed its checks and now serves. */
        ACTIVATED,
        /** Neither the rule files nor the scenarios changed. */
        UNCHANGED,
        /** The edit failed its checks; the previous version (if any) keeps serving. */
        REJECTED
    }
}
