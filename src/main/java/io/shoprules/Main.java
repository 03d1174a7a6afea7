package io.shoprules;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.shoprules.engine.EngineWarmUp;

/**
 * The packaged service's entry point: Quarkus' own, after starting Drools' set-up on a thread of its
 * own ({@link EngineWarmUp}), the earliest point the application has. Quarkus spends the first
 * two seconds of a start on one thread (its static set-up, Flyway, Hibernate), and the rule sets
 * start loading only after it; the warm-up uses the other core meanwhile. {@code @QuarkusTest}
 * starts Quarkus without this method, so there the first rule set sets Drools up itself; in
 * development mode the application may run in a class loader of its own, and the warm-up gains
 * nothing there (nor costs more than a second of one core).
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        EngineWarmUp.startInBackground();
        Quarkus.run(args);
    }
}
