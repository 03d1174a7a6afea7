package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A scenario that fails against a draft, rewritten to expect what the draft decides, for a reviewer
 * to accept deliberately. Only the {@code expect:} block changes; see {@link ExpectationProposal}
 * for how the new entries are written.
 *
 * @param file            the scenario file
 * @param status          PROPOSED: a new expectation is offered; PASSES: the scenario passes against
 *                        the draft, nothing to re-baseline; NOT_RUN: the scenario could not be run
 *                        (unreadable YAML, invalid facts), so there are no decisions to offer
 * @param expect          the proposed {@code expect:} block, as YAML text
 * @param diff            a unified diff of the scenario file, old against re-baselined
 * @param yaml            the whole re-baselined file (answered by the rebaseline endpoint only)
 * @param passesWithDraft whether the re-baselined file passes against the draft; false when
 *                        {@code expectNone}, which is left as written, forbids what the draft decides
 * @param failures        why the re-baselined file still fails, or why the scenario could not be run
 * @param message         in words, for PASSES and NOT_RUN
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rebaseline(String file, Status status, String expect, String diff, String yaml, Boolean passesWithDraft,
                         List<String> failures, String message) {

    public enum Status {
        PROPOSED, PASSES, NOT_RUN
    }

    static Rebaseline passes(String file) {
        return new Rebaseline(file, Status.PASSES, null, null, null, null, null,
                "the scenario passes against the draft: nothing to re-baseline");
    }

    static Rebaseline notRun(String file, List<String> failures) {
        return new Rebaseline(file, Status.NOT_RUN, null, null, null, null, failures,
                "the scenario could not be run against the draft, so there are no decisions to expect: fix it by hand");
    }

    /** This entry without the whole file: validate and preview offer the block and the diff. */
    Rebaseline withoutYaml() {
        return new Rebaseline(file, status, expect, diff, null, passesWithDraft, failures, message);
    }
}
