package io.shoprules.facts;

import java.sql.SQLException;

/**
 * Recognises a write that lost a race with another transaction (a unique key taken meanwhile, a
 * lock or serialization conflict): redoing the unit of work from a fresh read is then the answer.
 */
public final class WriteConflicts {

    private WriteConflicts() {
    }

    public static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 23xxx integrity constraint (unique key), 40xxx serialization failure / deadlock,
                // HYT00 lock timeout and 90131 concurrent update (H2).
                if (state.startsWith("23") || state.startsWith("40") || state.equals("HYT00") || state.equals("90131")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
