package io.shoprules.rulesets;

import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * A draft (as for validate) and the scenario files whose new expectation a reviewer accepts, one
 * by one: a re-baseline never covers scenarios nobody named.
 */
public record RebaselineRequest(@Size(max = 200) Map<String, @Size(max = 2_000_000) String> files,
                                @Size(max = 1000) Map<String, @Size(max = 1_000_000) String> scenarios,
                                @Size(max = 1000) List<@Size(max = 128) String> accept) {

    public RebaselineRequest {
        files = files == null ? Map.of() : files;
        scenarios = scenarios == null ? Map.of() : scenarios;
        accept = accept == null ? List.of() : accept;
    }
}
