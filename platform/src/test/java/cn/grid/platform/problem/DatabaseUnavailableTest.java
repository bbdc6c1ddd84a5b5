package cn.grid.platform.problem;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL restart under load made request-service answer 500 (bench/faults pg-restart): the session was ended
 * by the server (57P01) or no connection could be had. Those are outages to retry, answered 503 with Retry-After.
 */
class DatabaseUnavailableTest {

    final ProblemExceptionMappers mappers = new ProblemExceptionMappers();

    @Test
    void aSessionEndedByTheServersShutdownIsA503WithRetryAfter() {
        var ended = new PersistenceException(new JDBCConnectionException("could not execute statement",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        Response response = mappers.internal(ended, null);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(((Problem) response.getEntity()).type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE.uri());
    }

    @Test
    void connectionRefusedAndPoolTimeoutsAreOutages() {
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLTransientConnectionException("pool"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException(
                new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("FATAL: the database system is starting up",
                "57P03"))).isTrue();
    }

    @Test
    void otherErrorsStayA500() {
        assertThat(DatabaseUnavailable.causedBy(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(mappers.internal(new IllegalStateException("bug"), null).getStatus()).isEqualTo(500);
    }
}
