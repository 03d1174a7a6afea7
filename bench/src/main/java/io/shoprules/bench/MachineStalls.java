package io.shoprules.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How late the machine wakes a sleeping thread: a thread of the load generator sleeps 1 ms over and
 * over and records by how much each sleep overran. On a shared virtual machine a thread can wait for
 * a CPU for many milliseconds with nothing of ours running, and a request in flight waits as long;
 * figure 1 prints these stalls next to the p99s, which cannot be read without them.
 */
final class MachineStalls {

    record Summary(double p99Millis, double maxMillis, long overTwoMillis, int wakeUps) {
    }

    private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int MAX_WAKE_UPS = 600_000;

    private final long[] overruns = new long[MAX_WAKE_UPS];
    private final Thread sleeper;
    private volatile boolean running = true;
    private int count;

    private MachineStalls() {
        sleeper = new Thread(this::sleepAndRecord, "machine-stalls");
        sleeper.setDaemon(true);
        sleeper.start();
    }

    static MachineStalls start() {
        return new MachineStalls();
    }

    private void sleepAndRecord() {
        while (running && count < MAX_WAKE_UPS) {
            long before = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NANOS);
            overruns[count++] = Math.max(0, System.nanoTime() - before - SLEEP_NANOS);
        }
    }

    /** Stops measuring and summarises the overruns seen. */
    Summary stop() throws InterruptedException {
        running = false;
        sleeper.join();
        long[] sorted = Arrays.copyOf(overruns, count);
        Arrays.sort(sorted);
        long overTwo = Arrays.stream(sorted).filter(overrun -> overrun > TimeUnit.MILLISECONDS.toNanos(2)).count();
        return count == 0 ? new Summary(0, 0, 0, 0)
                : new Summary(sorted[(int) (count * 0.99)] / 1e6, sorted[count - 1] / 1e6, overTwo, count);
    }
}
