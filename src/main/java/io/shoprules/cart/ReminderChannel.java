package io.shoprules.cart;

import java.util.List;

/** How a reminder reaches the customer. */
public enum ReminderChannel {
    SMS, POPUP;

    /** Where a reminder goes: SMS before POPUP when it may be texted, else POPUP alone. */
    public static List<ReminderChannel> forReminder(boolean texted) {
        return texted ? List.of(SMS, POPUP) : List.of(POPUP);
    }
}
