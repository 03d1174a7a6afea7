package io.shoprules.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure that means "the database cannot be reached or cannot take more work right
 * now", as opposed to a fault in a statement: the client is then told 503 and when to try again.
 */
final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    static boolean causedIt(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08 connection exception, 53 insufficient resources, 57P01-57P03 shutting down or not yet up;
                // Agroal's "acquisition timeout" (no connection came free in time) carries no state at all.
                if (state == null ? sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")
                        : state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }
}
