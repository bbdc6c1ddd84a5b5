package cn.grid.platform.retention;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Deletes a platform table's rows whose timestamp is older than a retention: the sent outbox rows, the expired
 * Idempotency-Keys. One statement each time, on an indexed column; instances may run it side by side.
 */
public final class RowRetention {

    private RowRetention() {
    }

    /**
     * Deletes from {@code table} the rows whose {@code column} lies more than {@code retention} in the past; rows
     * where it is null (an outbox row not sent yet) stay. Returns how many went.
     *
     * @param table  a table name of the platform's own migrations (never input)
     * @param column a timestamptz column of it
     */
    public static int deleteOlderThan(DataSource dataSource, String table, String column, Duration retention)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "delete from " + table + " where " + column + " < now() - make_interval(secs => ?)")) {
            statement.setDouble(1, retention.toSeconds());
            return statement.executeUpdate();
        }
    }
}
