package io.shoprules.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least and the greatest value a numeric setting of a {@code @ConfigMapping} takes, both
 * included; {@link SettingBounds} refuses a start with a value outside them.
 *
 * <p>Not Hibernate Validator's {@code @Min} and {@code @Max}: one of those on any config mapping makes
 * Quarkus validate the config classes of every extension (199 in this service), building Hibernate
 * Validator's metadata for each on the main thread before anything else starts, about 1 s of every
 * start on a 2-core machine. See docs/operations.md, Start-up.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Bounds {

    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;
}
