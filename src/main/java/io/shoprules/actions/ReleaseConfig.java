package io.shoprules.actions;

import io.shoprules.settings.Bounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The release gate: how often it looks at HELD actions (docs/actions.md). */
@ConfigMapping(prefix = "shoprules.actions")
public interface ReleaseConfig {

    /** How often HELD actions whose release time has come are released; "off" leaves it to calls (tests). */
    @WithDefault("5s")
    String releaseEvery();

    /** HELD actions looked at per page. */
    @WithDefault("200")
    @Bounds(min = 1, max = 10_000)
    int releaseBatchSize();
}
