package cn.grid.platform.idempotency;

import cn.grid.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The purge against a real PostgreSQL database with the platform's idempotency_key table. */
class IdempotencyKeyPurgeTest {

    private static TestDatabase database;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void schema() throws Exception {
        database = TestDatabase.create("platform_idempotency");
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(TestDatabase.user());
        dataSource.setPassword(TestDatabase.password());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                InputStream in = IdempotencyKeyPurgeTest.class.getResourceAsStream(
                        "/db/platform/V0_6__idempotency_key.sql")) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void keysOlderThanTheRetentionGoAndYoungerOnesStay() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into idempotency_key (scope, key, fingerprint, resource_id, created_at) values "
                    + "('POST /x a', 'eight-days', 'f', '1', now() - interval '8 days'), "
                    + "('POST /x a', 'six-days', 'f', '2', now() - interval '6 days'), "
                    + "('POST /x b', 'just-now', 'f', '3', now())");
        }

        assertThat(IdempotencyKeyPurge.purge(dataSource, Duration.ofDays(7))).isEqualTo(1);
        assertThat(keys()).containsExactlyInAnyOrder("six-days", "just-now");
        // a second run finds nothing more to do
        assertThat(IdempotencyKeyPurge.purge(dataSource, Duration.ofDays(7))).isZero();
        assertThat(IdempotencyKeyPurge.purge(dataSource, Duration.ofDays(1))).isEqualTo(1);
        assertThat(keys()).containsExactly("just-now");
    }

    private static List<String> keys() throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select key from idempotency_key")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
