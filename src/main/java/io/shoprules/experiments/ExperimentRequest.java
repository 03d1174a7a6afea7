package io.shoprules.experiments;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An experiment to start: the challenger as a draft (as validate takes it), who is in the test and
 * for how long.
 *
 * @param files        the challenger's rule and data files that differ from the serving files (null removes one)
 * @param scenarios    the challenger's own scenario edits, where its policy makes the champion's cases wrong
 * @param share        percent of subjects (1 to 50) the challenger decides for
 * @param subjectField the fact field whose value is the subject, e.g. {@code customerId}
 * @param endsAt       when the experiment stops by itself; open-ended when absent
 */
public record ExperimentRequest(
        @Size(max = 200) Map<String, @Size(max = 2_000_000) String> files,
        @Size(max = 1000) Map<String, @Size(max = 1_000_000) String> scenarios,
        @NotNull @Min(1) @Max(50) Integer share,
        @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") String subjectField,
        OffsetDateTime endsAt) {

    public ExperimentRequest {
        files = files == null ? Map.of() : files;
        scenarios = scenarios == null ? Map.of() : scenarios;
    }
}
