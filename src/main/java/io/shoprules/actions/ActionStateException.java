package io.shoprules.actions;

/** An action cannot make the requested move from the state it is in. */
public class ActionStateException extends RuntimeException {

    public ActionStateException(String message) {
        super(message);
    }
}
