package io.shoprules.engine;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Picks up edits to rule and scenario files while the service runs. Polling, unlike file-system
 * events, works the same on every file system and editor; a poll looks at each file's stamp
 * ({@link FolderStamp}) and reads only the rule sets whose files changed, and a rule set whose
 * content did not change is not recompiled.
 */
@ApplicationScoped
public class RuleSetWatcher {

    private static final Logger LOG = Logger.getLogger(RuleSetWatcher.class);

    private final RuleSets ruleSets;

    public RuleSetWatcher(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    @Scheduled(every = "${shoprules.rules.poll-interval:1s}", delayed = "${shoprules.rules.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkForEdits() {
        if (!ruleSets.startedUp()) {
            // the first load is under way: checking now would compile beside it what it is about to serve
            return;
        }
        try {
            ruleSets.reloadChanged();
        } catch (RuntimeException e) {
            LOG.error("checking the rule folders failed; the serving rule sets are unchanged", e);
        }
    }
}
