package io.shoprules.settings;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
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
        List<ConfigValidationException.Problem> problems = new ArrayList<>();
        check(mapping, prefix, settings, problems);
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems.toArray(ConfigValidationException.Problem[]::new));
        }
    }

    private static void check(Class<?> group, String prefix, Object settings, List<ConfigValidationException.Problem> problems) {
        List<Method> methods = new ArrayList<>(List.of(group.getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Bounds bounds = method.getAnnotation(Bounds.class);
            boolean nestedGroup = method.getReturnType().isInterface() && method.getReturnType().getName().startsWith(OWN_PACKAGES);
            if (bounds == null && !nestedGroup) {
                continue;
            }
            String property = propertyOf(method, prefix);
            Object value = valueOf(method, settings);
            if (nestedGroup) {
                check(method.getReturnType(), property, value, problems);
            } else if (!(value instanceof Number number)) {
                problems.add(new ConfigValidationException.Problem(property + " carries @Bounds but is not a number"));
            } else if (outside(number, bounds)) {
                problems.add(new ConfigValidationException.Problem(property + " is " + number + ", must be "
                        + range(bounds)));
            }
        }
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

    /** The property name SmallRye Config maps the method to: its own name in kebab case under the prefix. */
    private static String propertyOf(Method method, String prefix) {
        if (method.isAnnotationPresent(WithParentName.class)) {
            return prefix;
        }
        WithName named = method.getAnnotation(WithName.class);
        String name = named != null ? named.value() : kebab(method.getName());
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String kebab(String camel) {
        StringBuilder kebab = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
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
