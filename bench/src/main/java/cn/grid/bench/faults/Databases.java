package cn.grid.bench.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The services' databases, read directly: what the suite really stored, behind its API. */
final class Databases {

    private final String jdbcBase;
    private final String user;

    Databases(String jdbcBase, String user) {
        this.jdbcBase = jdbcBase;
        this.user = user;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcBase + database, user, "");
    }

    long scalar(String database, String sql, Object... params) {
        try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A count whose one parameter is the array of these uuids. */
    long countIn(String database, String sql, Collection<String> ids) {
        try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column to the second of every row. */
    Map<String, String> rows(String database, String sql) {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
