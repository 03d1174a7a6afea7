package io.shoprules.decisions;

/** The decision log could not be written (a database fault, not bad input). */
public class DecisionLogException extends RuntimeException {

    public DecisionLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
