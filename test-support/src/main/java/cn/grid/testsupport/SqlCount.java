package cn.grid.testsupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A test's look at what a service stored: the single number a {@code select count(*) ...} answers, with its
 * parameters bound in order ({@code setObject}, so UUIDs, strings and numbers bind as themselves).
 */
public final class SqlCount {

    private SqlCount() {
    }

    public static long of(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalArgumentException("the query answered no row: " + sql);
                }
                return rows.getLong(1);
            }
        }
    }
}
