package io.shoprules.decisions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the decision log is written. */
@ConfigMapping(prefix = "shoprules.decisions")
public interface DecisionLogConfig {

    /** {@code async}: REST decisions are stored in batches off the request path; {@code sync}: by the request. */
    @WithDefault("async")
    LogWrites logWrites();

    enum LogWrites {
        ASYNC, SYNC
    }
}
