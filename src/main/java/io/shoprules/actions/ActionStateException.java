package io.shoprules.actions;

import io.shoprules.errors.ConflictException;

/** An action cannot make the requested move from the state it is in. */
public class ActionStateException extends ConflictException {

    public ActionStateException(String message) {
        super(message, null);
    }
}
