package io.shoprules.engine;

import io.quarkus.runtime.configuration.MemorySize;
import io.shoprules.settings.Bounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** Where rule sets come from and how the engine treats them. */
@ConfigMapping(prefix = "shoprules")
public interface EngineConfig {

    Rules rules();

    Scenarios scenarios();

    Shop shop();

    interface Rules {
        /** One sub-folder per rule set. */
        @WithDefault("rules")
        Path dir();

        /** How often the folder is checked for edits. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long the scenarios of one edit may run in all; those not started by then fail. A
         * check (compile and scenarios) running much longer shows as a stuck reload in health.
         */
        @WithDefault("2m")
        Duration maxCheckTime();

        /**
         * What the files of one rule set may hold together, in bytes; a larger rule set is rejected
         * (from disk) or refused (as a draft) naming the file. See {@link RuleSetSource}.
         */
        @WithDefault(RuleSetSource.DEFAULT_MAX_BYTES)
        @Bounds(min = 1)
        long maxRuleSetBytes();

        /**
         * Where versions that passed their checks are kept compiled, so that a start with
         * unchanged files serves them without compiling (their scenarios run again in the
         * background). Unset: every start compiles everything. See {@link CompiledForms}.
         */
        Optional<Path> compiledCache();

        /**
         * Whether the rule sets load beside the rest of the start-up, the HTTP port opening before
         * they all serve (a rule set not serving yet answers 503, readiness is down until all do),
         * or before the port opens (the start-up then waits for them).
         */
        @WithDefault("true")
        boolean loadInBackground();
    }

    /** What one evaluation of a rule set may do before it is stopped (README, Security model). */
    Evaluation evaluation();

    interface Evaluation {
        /** Wall time of one evaluation: a request's facts, a job's batch, or a scenario. */
        @WithDefault("5s")
        Duration maxTime();

        /** Rule firings in one evaluation; a rule that re-fires itself passes it quickly. */
        @WithDefault("100000")
        long maxFirings();

        /** Facts (decisions included) the rules may insert in one evaluation. */
        @WithDefault("100000")
        long maxInsertions();

        /**
         * Memory the evaluating thread may allocate in one evaluation, garbage included: far above
         * what the largest request the service accepts needs, far below a heap, so a rule that
         * keeps what it allocates is stopped before the other requests run out of memory.
         */
        @WithDefault("1G")
        MemorySize maxAllocation();

        default EvaluationBudget.Limits limits() {
            return new EvaluationBudget.Limits(maxTime(), maxFirings(), maxInsertions(), maxAllocation().asLongValue());
        }
    }

    interface Scenarios {
        @WithDefault("scenarios")
        Path dir();
    }

    interface Shop {
        /** The shop's time zone: "today" and quiet hours are judged in it. */
        @WithDefault("Asia/Shanghai")
        ZoneId zone();
    }
}
