package io.shoprules.errors;

/** A request that cannot be carried out in the current state (answered 409). */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String message, String field) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
