package io.shoprules.cluster;

import java.time.OffsetDateTime;
import java.util.Map;

/** An instance heard from lately, and the version of each rule set it serves. */
public record LiveInstance(String name, String host, OffsetDateTime startedAt, OffsetDateTime lastSeen,
                           Map<String, String> serving) {
}
