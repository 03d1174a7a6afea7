package io.shoprules.errors;

/** Input that cannot be accepted; {@code field} names it the way the client wrote it. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
