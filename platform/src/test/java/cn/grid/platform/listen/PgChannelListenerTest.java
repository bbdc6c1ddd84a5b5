package cn.grid.platform.listen;

import cn.grid.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The listener against a real PostgreSQL server: payloads arrive at commit, and a lost connection comes back. */
class PgChannelListenerTest {

    private static TestDatabase database;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void database() {
        database = TestDatabase.create("platform_listen");
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(TestDatabase.user());
        dataSource.setPassword(TestDatabase.password());
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void payloadsArriveWhenTheSendingTransactionCommitsAndAgainAfterTheConnectionWasCut() throws Exception {
        AtomicInteger listenings = new AtomicInteger();
        AtomicInteger losses = new AtomicInteger();
        List<String> payloads = new CopyOnWriteArrayList<>();
        PgChannelListener listener = new PgChannelListener(dataSource, "test_channel", new PgChannelListener.Handler() {
            @Override
            public void listening() {
                listenings.incrementAndGet();
            }

            @Override
            public void notified(String payload) {
                payloads.add(payload);
            }

            @Override
            public void lost(Exception cause) {
                losses.incrementAndGet();
            }
        });
        listener.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(listener::listening);
            assertThat(listenings).hasValue(1);

            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("select pg_notify('test_channel', 'person:1')");
                    s.execute("select pg_notify('other_channel', 'not for us')");
                }
                // not before the commit
                assertThat(payloads).isEmpty();
                c.commit();
            }
            notify("");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(payloads).containsExactly("person:1", ""));

            // a database restart, as far as this connection can tell
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database()"
                        + " and pid <> pg_backend_pid()");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> listenings.get() == 2 && listener.listening());
            assertThat(losses).hasValue(1);
            notify("subject:citizen-1");
            await().atMost(Duration.ofSeconds(5)).until(() -> payloads.contains("subject:citizen-1"));
        } finally {
            listener.stop();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.listening());
    }

    @Test
    void aChannelNameIsAPlainIdentifier() {
        assertThatThrownBy(() -> new PgChannelListener(dataSource, "x; drop table y", new PgChannelListener.Handler() {
            @Override
            public void listening() {
            }

            @Override
            public void notified(String payload) {
            }
        })).isInstanceOf(IllegalArgumentException.class);
    }

    private static void notify(String payload) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_notify('test_channel', '" + payload + "')");
        }
    }
}
