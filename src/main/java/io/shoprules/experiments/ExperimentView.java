package io.shoprules.experiments;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * An experiment as the API shows it: its definition, where it is in its life and, when asked for
 * one experiment, its results per variant and the challenger's lift.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentView(String ruleSet, String name, Experiment.Status status, int share, String subjectField,
                             String championVersion, String challengerVersion, Set<String> files,
                             Set<String> scenarios, String author, OffsetDateTime startedAt, OffsetDateTime endsAt,
                             OffsetDateTime stoppedAt, String stoppedBy,
                             List<ExperimentResults.VariantResult> variants, List<ConversionComparison> lift) {
}
