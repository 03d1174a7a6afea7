package io.shoprules.cart;

/** How a reminder reaches the customer. */
public enum ReminderChannel {
    SMS, POPUP
}
