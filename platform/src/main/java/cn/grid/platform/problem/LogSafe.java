package cn.grid.platform.problem;

import java.sql.SQLException;

/**
 * What of an unexpected exception may go into a log. The messages of database and JSON errors quote the data
 * they failed on — PostgreSQL's "Failing row contains (...)", a batch entry with its bind values, an input value
 * that could not be cast, an excerpt of a body — and that data is a citizen's name, phone and address. Those
 * messages are replaced by the exception's class and SQLSTATE; the stack trace and every other message stay, so
 * the error id still leads to the line that failed.
 */
public final class LogSafe {

    private LogSafe() {
    }

    /** A copy of {@code e} and its causes, fit for the log. */
    public static Throwable copy(Throwable e) {
        return copy(e, 0);
    }

    private static Throwable copy(Throwable e, int depth) {
        if (e == null || depth > 20) {
            return null;
        }
        Throwable cause = e.getCause() == e ? null : copy(e.getCause(), depth + 1);
        String message = quotesData(e) ? redacted(e) : e.getMessage();
        Throwable safe = new LoggedException(e.getClass().getName() + (message == null ? "" : ": " + message), cause);
        safe.setStackTrace(e.getStackTrace());
        return safe;
    }

    /** Exceptions whose message may carry values from the request or from a row. */
    static boolean quotesData(Throwable e) {
        if (e instanceof SQLException) {
            return true;
        }
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            String name = c.getName();
            if (name.equals("org.hibernate.JDBCException") || name.equals("jakarta.persistence.PersistenceException")
                    || name.equals("com.fasterxml.jackson.core.JacksonException")
                    || name.equals("org.hibernate.HibernateException")) {
                return true;
            }
        }
        return false;
    }

    private static String redacted(Throwable e) {
        String state = null;
        if (e instanceof SQLException sql) {
            state = sql.getSQLState();
        } else if (e instanceof org.hibernate.JDBCException jdbc) {
            state = jdbc.getSQLState();
        }
        return "(message withheld: it may quote personal data" + (state == null ? "" : "; SQLSTATE " + state) + ")";
    }

    /** Stands in for the original in the log: its class name and safe message as the message. */
    static final class LoggedException extends RuntimeException {
        LoggedException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
