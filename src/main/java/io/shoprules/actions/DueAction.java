package io.shoprules.actions;

/** An action due for a push, with the attempts it had when it was found (to claim it exactly once). */
public record DueAction(long id, int attempts) {
}
