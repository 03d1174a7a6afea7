package io.shoprules.rulesets;

import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * A draft of a rule set: files that replace (or, mapped to null, remove) files of the version on
 * disk. Rule files and data files go in {@code files}; scenario YAML in {@code scenarios};
 * {@code accept} names scenario files that are to expect what the draft decides.
 */
public record DraftRequest(@Size(max = 200) Map<String, @Size(max = 2_000_000) String> files,
                           @Size(max = 1000) Map<String, @Size(max = 1_000_000) String> scenarios,
                           @Size(max = 1000) List<@Size(max = 128) String> accept) {

    public DraftRequest {
        files = files == null ? Map.of() : files;
        scenarios = scenarios == null ? Map.of() : scenarios;
        accept = accept == null ? List.of() : accept;
    }
}
