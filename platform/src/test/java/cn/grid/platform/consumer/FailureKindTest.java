package cn.grid.platform.consumer;

import cn.grid.platform.events.MalformedEventException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureKindTest {

    @Test
    void sortsFailures() {
        assertThat(FailureKind.of(new MalformedEventException("x"))).isEqualTo(FailureKind.POISON);
        assertThat(FailureKind.of(new RuntimeException(new SQLTransientConnectionException("down"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException(new SQLException("refused", "08001"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException(new SQLException("admin shutdown", "57P01"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException(new SQLException("unique", "23505"))))
                .isEqualTo(FailureKind.UNKNOWN);
        assertThat(FailureKind.of(new IllegalStateException("bug"))).isEqualTo(FailureKind.UNKNOWN);
    }
}
