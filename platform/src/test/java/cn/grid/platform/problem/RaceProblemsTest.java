package cn.grid.platform.problem;

import io.quarkus.arc.ArcUndeclaredThrowableException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.jaxrs.HttpHeadersImpl;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the loser of a race answered 500. Hibernate flushes at commit what the use case did not flush itself,
 * and what fails there reaches the mappers wrapped by the transaction interceptor: ArcUndeclaredThrowableException
 * around jakarta.transaction.RollbackException around the persistence exception. The catch-all took it as a bug.
 */
class RaceProblemsTest {

    final ProblemExceptionMappers mappers = new ProblemExceptionMappers();

    static final HttpHeaders WITH_IF_MATCH = new HttpHeadersImpl(List.of(Map.entry("If-Match", "\"3\"")));
    static final HttpHeaders WITHOUT = new HttpHeadersImpl(List.of());

    /** What a request gets when its flush at commit fails with {@code cause}. */
    static Throwable atCommit(Throwable cause) {
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.initCause(cause);
        return new ArcUndeclaredThrowableException(rollback);
    }

    static Throwable lostOptimisticLock() {
        return new OptimisticLockException(new StaleObjectStateException("cn.grid.grid.domain.GridNode",
                UUID.randomUUID()));
    }

    static Throwable uniqueViolation() {
        return new PersistenceException(new ConstraintViolationException("could not execute statement",
                new SQLException("duplicate key value violates unique constraint \"person_subject_key\"", "23505"),
                ConstraintViolationException.ConstraintKind.UNIQUE, "person_subject_key"));
    }

    @Test
    void aLostOptimisticLockAtCommitIsA412ForAClientThatSentIfMatch() {
        Response response = mappers.internal(atCommit(lostOptimisticLock()), null, WITH_IF_MATCH);
        assertThat(response.getStatus()).isEqualTo(412);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(((Problem) response.getEntity()).type()).isEqualTo(ProblemType.PRECONDITION_FAILED.uri());
    }

    @Test
    void aLostOptimisticLockWithoutIfMatchIsA409() {
        Response response = mappers.internal(atCommit(lostOptimisticLock()), null, WITHOUT);
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(((Problem) response.getEntity()).type()).isEqualTo(ProblemType.CONFLICT.uri());
        // thrown bare (a use case that flushed itself), the same answers
        assertThat(mappers.optimisticLock(new OptimisticLockException(), null, WITH_IF_MATCH).getStatus())
                .isEqualTo(412);
        assertThat(mappers.optimisticLock(new OptimisticLockException(), null, WITHOUT).getStatus()).isEqualTo(409);
    }

    @Test
    void aUniqueViolationAtCommitIsA409NamingTheConstraint() {
        Response response = mappers.internal(atCommit(uniqueViolation()), null, WITHOUT);
        assertThat(response.getStatus()).isEqualTo(409);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo(ProblemType.CONFLICT.uri());
        assertThat(problem.detail()).contains("already taken").contains("person_subject_key");
    }

    @Test
    void anythingElseAtCommitIsStillA500() {
        Response response = mappers.internal(atCommit(new IllegalStateException("a bug")), null, WITH_IF_MATCH);
        assertThat(response.getStatus()).isEqualTo(500);
    }
}
