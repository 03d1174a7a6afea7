package io.shoprules.rulesets;

import io.shoprules.engine.Rebaseline;

import java.util.List;

/** The re-baselined scenario files, answered and not written: the reviewer commits or activates them. */
public record RebaselineAnswer(String ruleSet, List<Rebaseline> scenarios) {
}
