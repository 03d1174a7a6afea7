package io.shoprules.bench;

/**
 * Saturated turns of {@value #TURN_SECONDS} s on two targets, taken in alternation, until neither's
 * rate changes by more than {@value #SETTLED} of itself from one turn to the next (C2 compiles for a
 * minute and more on 2 cores), or until a time limit.
 */
final class WarmUp {

    private static final int TURN_SECONDS = 5;
    private static final double SETTLED = 0.05;

    /** What one side of the warm-up loads: a name for the report, the generator and its request. */
    record Target(String name, LoadGenerator load, Http1Connection.Request request) {
    }

    private WarmUp() {
    }

    /** @return how it went, for the figure's line: turns and seconds taken, and the last turn's rates */
    static String untilSettled(Target a, Target b, int concurrency, int limitSeconds) throws InterruptedException {
        long started = System.nanoTime();
        double lastA = 0;
        double lastB = 0;
        int turns = 0;
        while (System.nanoTime() - started < limitSeconds * 1_000_000_000L) {
            turns++;
            double rateA = a.load().saturate(a.request(), concurrency, TURN_SECONDS).perSecond();
            double rateB = b.load().saturate(b.request(), concurrency, TURN_SECONDS).perSecond();
            boolean settled = Math.abs(rateA - lastA) <= SETTLED * rateA && Math.abs(rateB - lastB) <= SETTLED * rateB;
            lastA = rateA;
            lastB = rateB;
            if (settled) {
                return String.format("warmed up in %d turns (%.0f s), last turn %s %.0f req/s, %s %.0f req/s",
                        turns, (System.nanoTime() - started) / 1e9, a.name(), rateA, b.name(), rateB);
            }
        }
        return String.format("not settled after %d s of warm-up (last turn %s %.0f req/s, %s %.0f req/s): figures are noisy",
                limitSeconds, a.name(), lastA, b.name(), lastB);
    }
}
