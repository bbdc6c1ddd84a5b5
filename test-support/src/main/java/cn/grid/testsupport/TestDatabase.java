package cn.grid.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database on the machine's server, created for one test run and dropped after it.
 *
 * <p>The server is found through {@code GRID_TEST_PG_HOST}, {@code GRID_TEST_PG_PORT}, {@code GRID_TEST_PG_USER}
 * and {@code GRID_TEST_PG_PASSWORD} (defaults: 127.0.0.1, 5432, postgres, empty), so two runs — or two
 * modules built in parallel — never see each other's rows.
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String prefix) {
        String name = (prefix + "_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + serverUrl("postgres")
                    + " — is PostgreSQL running? (pg_ctlcluster --skip-systemctl-redirect 15 main start)", e);
        }
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return serverUrl(name);
    }

    public static String user() {
        return env("GRID_TEST_PG_USER", "postgres");
    }

    public static String password() {
        return env("GRID_TEST_PG_PASSWORD", "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    @Override
    public void close() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name, e);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(serverUrl("postgres"), user(), password());
    }

    private static String serverUrl(String database) {
        return "jdbc:postgresql://" + env("GRID_TEST_PG_HOST", "127.0.0.1") + ":" + env("GRID_TEST_PG_PORT", "5432")
                + "/" + database;
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
