package io.shoprules.preview;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.shoprules.engine.Rebaseline;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A preview as {@code GET /api/previews/{id}} shows it. While RUNNING, {@code processed} of
 * {@code total} counts stored facts plus recorded requests; the comparison fields are there once DONE,
 * with {@code rebaseline}: the scenarios the draft fails, each offered the draft's decisions as its
 * new expectation (as validate offers them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewView(String id, String ruleSet, PreviewStatus status, OffsetDateTime startedAt,
                          OffsetDateTime endedAt, int days, long processed, long total, String error,
                          String baseVersion, String draftVersion, Long factsReplayed, Long requestsReplayed,
                          Long skipped, List<Change> summary, List<Example> examples,
                          List<Rebaseline> rebaseline) {

    /** This preview, stopped with {@code error} at {@code at}. */
    PreviewView failed(String error, OffsetDateTime at) {
        return new PreviewView(id, ruleSet, PreviewStatus.FAILED, startedAt, at, days, processed, total, error,
                baseVersion, draftVersion, null, null, null, null, null, null);
    }

    /** Decisions of one type that one rule made differently: draft's rule for added and changed, serving's for removed. */
    public record Change(String type, String rule, long added, long removed, long changed) {
    }

    /**
     * One decision that differs; {@code before} is the serving version's, {@code after} the draft's
     * (null when absent; an array when one evaluation made several of that type about the subject).
     */
    public record Example(String type, String change, String subject, JsonNode before, JsonNode after) {
    }
}
