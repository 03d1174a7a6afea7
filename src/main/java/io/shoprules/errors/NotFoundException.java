package io.shoprules.errors;

/**
 * A request named something that is not there (answered 404); {@code field} names the input that
 * named it, or is null when the path did. Services throw this rather than the JAX-RS exception of the
 * same name, so that they stay free of HTTP and the answer is shaped in one place, the mappers.
 */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String message, String field) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
