package io.shoprules.versions;

import io.shoprules.engine.ActivationSource;
import io.shoprules.engine.RuleSets;
import io.shoprules.engine.ValidationReport;
import io.shoprules.errors.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Puts an earlier version's exact rule files back and makes it serve, checked against today's
 * scenarios: a scenario added or re-baselined since still holds, unless its author accepts that it
 * expect what the earlier version decides.
 */
@ApplicationScoped
public class Rollbacks {

    private final VersionHistory history;
    private final RuleSets ruleSets;

    public Rollbacks(VersionHistory history, RuleSets ruleSets) {
        this.history = history;
        this.ruleSets = ruleSets;
    }

    /**
     * @param accepted scenario files to rewrite to what {@code version} decides, as activate does
     * @throws NotFoundException when the rule set never served {@code version}
     */
    public ValidationReport to(String ruleSet, String version, List<String> accepted, String author) {
        SortedMap<String, byte[]> files = history.files(ruleSet, version)
                .orElseThrow(() -> new NotFoundException("rule set " + ruleSet + " never served version " + version, "version"));
        Map<String, byte[]> edits = new HashMap<>(files);
        ruleSets.filesOnDisk(ruleSet).forEach(name -> edits.putIfAbsent(name, null));
        return ruleSets.activate(ruleSet, edits, Map.of(), accepted, null, ActivationSource.ROLLBACK, author);
    }
}
