package io.shoprules.cluster;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** This instance, as it signs its job runs. */
@ConfigMapping(prefix = "shoprules.instance")
public interface InstanceConfig {

    /**
     * A name that stays the same when this instance restarts (a StatefulSet pod's or a host's name);
     * the host name when unset.
     */
    Optional<String> name();
}
