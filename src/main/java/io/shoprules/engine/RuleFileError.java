package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a rule set was rejected: a compile error, a forbidden construct or a failing scenario,
 * located as precisely as the source allows (line and column are 1-based; null when unknown).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleFileError(String file, Integer line, Integer column, String message) {

    public static RuleFileError of(String file, String message) {
        return new RuleFileError(file, null, null, message);
    }

    @Override
    public String toString() {
        StringBuilder at = new StringBuilder(file == null ? "?" : file);
        if (line != null) {
            at.append(':').append(line);
            if (column != null) {
                at.append(':').append(column);
            }
        }
        return at + ": " + message;
    }
}
