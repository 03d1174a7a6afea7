package io.shoprules.api;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** Checks {@link InOrder} on a record by reading the two named components. */
public class InOrderValidator implements ConstraintValidator<InOrder, Record> {

    private String earlier;
    private String later;

    @Override
    public void initialize(InOrder annotation) {
        this.earlier = annotation.earlier();
        this.later = annotation.later();
    }

    @Override
    public boolean isValid(Record value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        OffsetDateTime from = read(value, earlier);
        OffsetDateTime to = read(value, later);
        if (from == null || to == null || !to.isBefore(from)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode(later)
                .addConstraintViolation();
        return false;
    }

    private static OffsetDateTime read(Record value, String component) {
        RecordComponent accessor = Arrays.stream(value.getClass().getRecordComponents())
                .filter(c -> c.getName().equals(component))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        value.getClass().getSimpleName() + " has no time named " + component));
        try {
            return (OffsetDateTime) accessor.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + value.getClass().getSimpleName(), e);
        }
    }
}
