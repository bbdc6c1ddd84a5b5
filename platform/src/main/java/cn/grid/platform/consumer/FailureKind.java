package cn.grid.platform.consumer;

import cn.grid.platform.events.MalformedEventException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Sorts handler failures into those worth waiting out and those that no retry will cure. */
public enum FailureKind {
    /** The event itself is broken: dead-letter it at once. */
    POISON,
    /** The database (or another dependency) is unavailable: keep the event and retry it later, forever. */
    TRANSIENT,
    /** Anything else: retry a few times, then dead-letter it. */
    UNKNOWN;

    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MalformedEventException) {
                return POISON;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return TRANSIENT;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                            || sql.getSQLState().startsWith("53") || sql.getSQLState().startsWith("40"))) {
                return TRANSIENT;
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || t.getClass().getName().equals("io.agroal.pool.ConnectionPool$AcquisitionTimeoutException")) {
                return TRANSIENT;
            }
        }
        return UNKNOWN;
    }
}
