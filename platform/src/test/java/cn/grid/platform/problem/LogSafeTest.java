package cn.grid.platform.problem;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTest {

    @Test
    void databaseMessagesAreWithheldAndTheStackAndOtherMessagesKept() {
        SQLException sql = new SQLException("ERROR: new row violates check constraint\n  Detail: Failing row contains "
                + "(李秀英, 13800005678, 清河社区大为小区 3 栋)", "23514");
        RuntimeException wrapped = new IllegalStateException("submit failed", sql);
        StringWriter out = new StringWriter();
        LogSafe.copy(wrapped).printStackTrace(new PrintWriter(out));
        String logged = out.toString();
        assertThat(logged).doesNotContain("李秀英").doesNotContain("13800005678").doesNotContain("大为小区")
                .contains("java.lang.IllegalStateException: submit failed")
                .contains("java.sql.SQLException").contains("SQLSTATE 23514")
                .contains("LogSafeTest.databaseMessagesAreWithheldAndTheStackAndOtherMessagesKept");
    }
}
