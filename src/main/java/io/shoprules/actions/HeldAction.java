package io.shoprules.actions;

/** A HELD action due for the release gate; {@code customer} is null for one that reaches no customer. */
public record HeldAction(long id, String customer) {
}
