package io.shoprules.actions;

/** The outbox could not be written (a database fault or a lost race, not bad input). */
public class OutboxWriteException extends RuntimeException {

    public OutboxWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
