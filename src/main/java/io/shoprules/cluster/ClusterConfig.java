package io.shoprules.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the instances sharing one database keep track of each other (docs/operations.md, More than one instance). */
@ConfigMapping(prefix = "shoprules.cluster")
public interface ClusterConfig {

    /** How often this instance says, in {@code service_instance}, that it lives and what it serves. */
    @WithDefault("2s")
    Duration heartbeatEvery();

    /**
     * An instance not heard from for this long counts as gone: it is no longer listed, and a job
     * it was running may be taken over.
     */
    @WithDefault("10s")
    Duration staleAfter();

    /**
     * How often the job scheduler checks in with the others; a scheduler silent for this long
     * (plus Quartz's grace of 7.5 s) is taken for dead and its interrupted runs are recovered.
     */
    @WithDefault("5s")
    Duration schedulerCheckin();
}
