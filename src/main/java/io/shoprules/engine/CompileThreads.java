package io.shoprules.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads rule sets are compiled and checked on once the service serves, at the lowest thread
 * priority, one per core (the first load's compiles are what a start waits for). A reload
 * compiles for about a second of a core's time; at half of the saturating rate, twenty reloads in a
 * row starved the request threads on a 2-core machine and their p99 went from 17 ms to 1.5-4.3 s
 * (bench/README.md, figure 3). With the priorities the package's {@code jvm.options} turns on, the
 * operating system gives a compile what the requests leave.
 *
 * <p>The threads are the compile's own because an unprivileged process may lower a thread's priority
 * but not raise it again: a request thread lent to a compile would stay low for good. Without
 * {@code -XX:ThreadPriorityPolicy=1} (tests, development mode) the priority changes nothing.
 */
final class CompileThreads {

    private static final String NAME = "rule-set-compile-";
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), work -> {
                Thread thread = new Thread(work, NAME + COUNT.incrementAndGet());
                thread.setDaemon(true);
                thread.setPriority(Thread.MIN_PRIORITY);
                return thread;
            });

    private CompileThreads() {
    }

    /** Runs {@code work} on a compile thread, with the caller's class loader, and waits for its result or failure. */
    static <T> T run(Supplier<T> work) {
        if (Thread.currentThread().getName().startsWith(NAME)) {
            // already on one: waiting for another could leave every compile thread waiting
            return work.get();
        }
        ClassLoader callers = Thread.currentThread().getContextClassLoader();
        Future<T> result = THREADS.submit(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader own = thread.getContextClassLoader();
            thread.setContextClassLoader(callers);
            try {
                return work.get();
            } finally {
                thread.setContextClassLoader(own);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a rule set compiled", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
