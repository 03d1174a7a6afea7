package io.shoprules.experiments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How closely each instance follows the experiments in the database. */
@ConfigMapping(prefix = "shoprules.experiments")
public interface ExperimentsConfig {

    /**
     * How often the running experiments are read: a start, stop or promotion on another instance,
     * and an experiment past its {@code endsAt}, reach this instance within this time.
     */
    @WithDefault("5s")
    Duration refreshEvery();
}
