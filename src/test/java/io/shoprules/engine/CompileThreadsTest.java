package io.shoprules.engine;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileThreadsTest {

    @Test
    void aCompileRunsOnALowestPriorityThreadWithTheCallersClassLoader() throws Exception {
        Thread caller = Thread.currentThread();
        ClassLoader before = caller.getContextClassLoader();
        try (URLClassLoader callers = new URLClassLoader(new URL[0], before)) {
            caller.setContextClassLoader(callers);
            Thread[] ran = new Thread[1];
            ClassLoader seen = CompileThreads.run(() -> {
                ran[0] = Thread.currentThread();
                return Thread.currentThread().getContextClassLoader();
            });
            assertSame(callers, seen);
            assertNotSame(caller, ran[0]);
            assertEquals(Thread.MIN_PRIORITY, ran[0].getPriority());
            assertTrue(ran[0].getName().startsWith("rule-set-compile-"), ran[0].getName());
        } finally {
            caller.setContextClassLoader(before);
        }
    }

    @Test
    void aCompilesFailureReachesTheCallerAsItWasThrown() {
        RuleSetRejectedException rejected = new RuleSetRejectedException("broken", java.util.List.of());
        assertSame(rejected, assertThrows(RuleSetRejectedException.class, () -> CompileThreads.run(() -> {
            throw rejected;
        })));
        StackOverflowError overflow = new StackOverflowError("deep");
        assertSame(overflow, assertThrows(StackOverflowError.class, () -> CompileThreads.run(() -> {
            throw overflow;
        })));
    }
}
