package io.shoprules.engine;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * Skips a scheduled task while the first load of the rule sets is under way
 * ({@code @Scheduled(skipExecutionIf = FirstLoadUnderWay.class)}), for tasks that need no rule set
 * and can wait a few seconds at start-up: a task whose period starts with the scheduler would
 * otherwise run beside the loading, and its first database query (Hibernate's HQL parser setting
 * itself up) take CPU from the rule sets a start serves first.
 */
@Singleton
public class FirstLoadUnderWay implements Scheduled.SkipPredicate {

    private final RuleSets ruleSets;

    public FirstLoadUnderWay(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !ruleSets.startedUp();
    }
}
