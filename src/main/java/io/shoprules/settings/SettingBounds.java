package io.shoprules.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the {@link Bounds} of every setting of the service's config mappings, and of the groups
 * nested in them, when SmallRye Config builds the configuration; all settings out of bounds are
 * reported together, each by its property name. Registered for every configuration the service
 * builds through {@code META-INF/services/io.smallrye.config.SmallRyeConfigBuilderCustomizer}.
 */
public final class SettingBounds implements SmallRyeConfigBuilderCustomizer, ConfigValidator {

    private static final String OWN_PACKAGES = "io.shoprules.";

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(this);
    }

    @Override
    public void validateMapping(Class<?> mapping, String prefix, Object settings) {
        if (!mapping.getName().startsWith(OWN_PACKAGES)) {
            // the extensions' mappings carry no Bounds
            return;
        }
        ConfigMappingInterface root = ConfigMappingInterface.getConfigurationInterface(mapping);
        List<ConfigValidationException.Problem> problems = new ArrayList<>();
        check(root, root.getNamingStrategy(), prefix, settings, problems);
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems.toArray(ConfigValidationException.Problem[]::new));
        }
    }

    /** Walks the properties as SmallRye Config maps them, so names follow its naming strategy, {@code @WithName} and the like. */
    private static void check(ConfigMappingInterface group, ConfigMapping.NamingStrategy naming, String prefix, Object settings,
                              List<ConfigValidationException.Problem> problems) {
        for (ConfigMappingInterface.Property property : group.getProperties()) {
            String name = property.isParentPropertyName() ? prefix : join(prefix, property.getPropertyName(naming));
            if (property.isGroup()) {
                ConfigMappingInterface.GroupProperty nested = property.asGroup();
                check(nested.getGroupType(), nested.hasNamingStrategy() ? nested.getNamingStrategy() : naming, name,
                        valueOf(property.getMethod(), settings), problems);
                continue;
            }
            Bounds bounds = property.getMethod().getAnnotation(Bounds.class);
            if (bounds == null) {
                continue;
            }
            Object value = valueOf(property.getMethod(), settings);
            if (!(value instanceof Number number)) {
                problems.add(new ConfigValidationException.Problem(name + " carries @Bounds but is not a number"));
            } else if (outside(number, bounds)) {
                problems.add(new ConfigValidationException.Problem(name + " is " + number + ", must be " + range(bounds)));
            }
        }
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static boolean outside(Number number, Bounds bounds) {
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            return value < bounds.min() || value > bounds.max();
        }
        long value = number.longValue();
        return value < bounds.min() || value > bounds.max();
    }

    private static String range(Bounds bounds) {
        if (bounds.max() == Long.MAX_VALUE) {
            return "at least " + bounds.min();
        }
        if (bounds.min() == Long.MIN_VALUE) {
            return "at most " + bounds.max();
        }
        return "from " + bounds.min() + " to " + bounds.max();
    }

    private static Object valueOf(Method method, Object settings) {
        try {
            method.setAccessible(true);
            return method.invoke(settings);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read setting " + method, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot read setting " + method, e.getCause());
        }
    }
}
