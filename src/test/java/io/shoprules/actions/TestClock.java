package io.shoprules.actions;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets, for the lifecycle's time-bound behaviour (quiet hours, expiry, days and
 * weeks). An alternative: only test profiles that enable it ({@link LifecycleProfile}) get it instead
 * of the system clock; it stands still until the test moves it.
 */
@Alternative
@Singleton
public class TestClock extends Clock {

    private volatile Instant now = Instant.now();

    public void set(OffsetDateTime at) {
        now = at.toInstant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
