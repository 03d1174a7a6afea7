package io.shoprules.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Through SmallRye Config's own build of a mapping, as the service builds its configuration. */
class SettingBoundsTest {

    @ConfigMapping(prefix = "shop.test")
    public interface Settings {

        @WithDefault("10")
        @Bounds(min = 1, max = 100)
        int batchSize();

        @WithDefault("2")
        @Bounds(min = 1)
        double backoffFactor();

        @WithDefault("5")
        @WithName("most")
        @Bounds(max = 9)
        long atMostNine();

        Limits limits();

        interface Limits {
            @WithDefault("1000")
            @Bounds(min = 1)
            long maxBytes();
        }
    }

    private static SmallRyeConfig build(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(Settings.class)
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .withCustomizers(new SettingBounds())
                .build();
    }

    @Test
    void settingsWithinTheirBoundsBuild() {
        Settings settings = build(Map.of("shop.test.batch-size", "100", "shop.test.backoff-factor", "1",
                "shop.test.most", "9", "shop.test.limits.max-bytes", "1")).getConfigMapping(Settings.class);

        assertEquals(100, settings.batchSize());
        assertEquals(1.0, settings.backoffFactor());
        assertEquals(9, settings.atMostNine());
        assertEquals(1, settings.limits().maxBytes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            shop.test.batch-size       | 0    | shop.test.batch-size is 0, must be from 1 to 100
            shop.test.batch-size       | 101  | shop.test.batch-size is 101, must be from 1 to 100
            shop.test.backoff-factor   | 0.5  | shop.test.backoff-factor is 0.5, must be at least 1
            shop.test.most             | 10   | shop.test.most is 10, must be at most 9
            shop.test.limits.max-bytes | 0    | shop.test.limits.max-bytes is 0, must be at least 1
            """)
    void aSettingOutOfItsBoundsFailsTheBuildNamingIt(String property, String value, String problem) {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class, () -> build(Map.of(property, value)));

        assertEquals(List.of(problem), problems(refused));
    }

    @Test
    void everySettingOutOfBoundsIsReportedAtOnce() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class,
                () -> build(Map.of("shop.test.batch-size", "0", "shop.test.limits.max-bytes", "-1")));

        assertEquals(List.of("shop.test.batch-size is 0, must be from 1 to 100",
                "shop.test.limits.max-bytes is -1, must be at least 1"), problems(refused));
    }

    private static List<String> problems(ConfigValidationException e) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < e.getProblemCount(); i++) {
            messages.add(e.getProblem(i).getMessage());
        }
        return messages;
    }
}
