package io.shoprules.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Two times of a record that must not run backwards: a cart cannot be paid before it was filled, a
 * complaint cannot be resolved before it was made. The violation names the {@link #later} field;
 * a check passes when either time is missing.
 */
@Documented
@Constraint(validatedBy = InOrderValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(InOrder.List.class)
public @interface InOrder {

    /** The record component holding the earlier time. */
    String earlier();

    /** The record component holding the time that may not come before {@link #earlier}. */
    String later();

    String message() default "must not be before {earlier}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @Documented
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        InOrder[] value();
    }
}
