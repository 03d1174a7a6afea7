package io.shoprules.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much a single request may carry. */
@ConfigMapping(prefix = "shoprules.limits")
public interface RequestLimits {

    /** Bodies larger than this are refused with 413 before they are read. */
    @WithDefault("8000000")
    long maxBodyBytes();

}
