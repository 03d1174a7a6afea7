package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a reload did to one rule set: {@code version} is what the files on disk hash to,
 * {@code serving} the version that answers requests after the reload.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReloadOutcome(String ruleSet, Result result, String version, String serving, List<RuleFileError> errors) {

    public enum Result {
        /** A new version passed its checks and now serves. */
        ACTIVATED,
        /**
         * At start-up: a version that passed its checks before serves from its kept compiled form;
         * its scenarios run again in the background.
         */
        RESTORED,
        /** Neither the rule files nor the scenarios changed, and they are the serving version. */
        UNCHANGED,
        /**
         * The files on disk failed their checks (just now, or at an earlier reload and unchanged
         * since); the serving version, if any, keeps serving.
         */
        REJECTED
    }
}
