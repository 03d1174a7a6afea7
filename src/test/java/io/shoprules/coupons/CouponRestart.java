package io.shoprules.coupons;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.shoprules.TwoStarts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Two starts of the service over one database, for {@link CouponRestartFirstStartTest} and
 * {@link CouponRestartSecondStartTest} (the pattern of versions/HistoryRestart: Quarkus restarts between
 * test classes of different profiles and runs them in the order of their names). On H2 both use a file
 * database under {@code target/}; under {@code -Dquarkus.test.profile=pgtest} they share that profile's
 * PostgreSQL database, and only the first start empties it.
 */
final class CouponRestart {

    static final Path ROOT = Path.of("target", "coupon-restart");
    /** What the first start left, for the second to look for. */
    private static final Path STATE = ROOT.resolve("state.properties");

    private CouponRestart() {
    }

    private static Map<String, String> config(boolean cleanDatabase) {
        return TwoStarts.database(ROOT.resolve("db").toString(), cleanDatabase);
    }

    static void save(Properties state) {
        try (Writer out = Files.newBufferedWriter(STATE)) {
            state.store(out, "left by CouponRestartFirstStartTest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties load() {
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(STATE)) {
            state.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the first start left no state; run both classes together", e);
        }
        return state;
    }

    /** A fresh database. */
    public static class FirstStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return config(true);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FreshFolder.class));
        }
    }

    /** The same database, as the first start left it. */
    public static class SecondStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return config(false);
        }
    }

    /** Runs before the first start: removes what an earlier build left. */
    public static class FreshFolder implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TwoStarts.freshFolder(ROOT);
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }
}
