package io.shoprules.decisions;

import io.shoprules.settings.Bounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the inputs of REST decision requests are kept for impact previews. */
@ConfigMapping(prefix = "shoprules.inputs")
public interface InputsConfig {

    /**
     * Whether REST decision inputs are recorded at all. Off, previews replay stored facts only and a
     * logged decision cannot become a scenario; the switch exists to measure what recording costs.
     */
    @WithDefault("true")
    boolean enabled();

    /** Days a recorded input is kept; a preview replays at most this far back. */
    @WithDefault("7")
    @Bounds(min = 1, max = 365)
    int retentionDays();

    /** How often older inputs are deleted. */
    @WithDefault("1h")
    Duration cleanupEvery();
}
