package io.shoprules.preview;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * A draft to preview: the body of {@code validate} and how many days of recorded requests to
 * replay. Scenario edits are laid over the scenarios on disk for the re-baseline offers of the
 * result; a failing scenario never stops a preview (a draft that breaks scenarios is what it is for).
 *
 * @param days recorded REST requests of this many days back are replayed (default 7)
 */
public record PreviewRequest(@Size(max = 200) Map<String, @Size(max = 2_000_000) String> files,
                             @Size(max = 1000) Map<String, @Size(max = 1_000_000) String> scenarios,
                             @Min(1) @Max(90) Integer days) {

    public static final int DEFAULT_DAYS = 7;

    public PreviewRequest {
        files = files == null ? Map.of() : files;
        scenarios = scenarios == null ? Map.of() : scenarios;
        days = days == null ? DEFAULT_DAYS : days;
    }
}
