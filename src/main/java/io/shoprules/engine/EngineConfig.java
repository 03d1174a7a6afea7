package io.shoprules.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

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
         * Compile with Drools' executable model instead of the classic (MVEL) runtime. The classic
         * runtime compiles far faster, which matters for a service that compiles on every edit.
         */
        @WithDefault("false")
        boolean executableModel();

        /**
         * What the files of one rule set may hold together, in bytes; a larger rule set is rejected
         * (from disk) or refused (as a draft) naming the file. See {@link RuleSetSource}.
         */
        @WithDefault(RuleSetSource.DEFAULT_MAX_BYTES)
        @Min(1)
        long maxRuleSetBytes();
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
