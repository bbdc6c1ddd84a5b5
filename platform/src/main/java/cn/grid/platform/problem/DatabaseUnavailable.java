package cn.grid.platform.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database outage (PostgreSQL restarting, failing over, refusing connections, the pool unable to hand out
 * one in time) from a bug, by walking an exception's causes. An outage is the client's cue to retry in a moment —
 * a 503 with Retry-After — not a 500 that says the service is broken.
 */
public final class DatabaseUnavailable {

    /** SQLSTATEs of a server going away or not taking connections (PostgreSQL appendix A). */
    private static final Set<String> OUTAGE_STATES = Set.of(
            "57P01", // admin_shutdown: a fast shutdown or restart ended the session
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now: starting up or in recovery
            "53300"); // too_many_connections

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || OUTAGE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            // Agroal's pool timeout carries no SQLSTATE: every connection is broken or busy while the server is away
            if (t instanceof SQLException sql && sql.getSQLState() == null && sql.getMessage() != null
                    && sql.getMessage().contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
