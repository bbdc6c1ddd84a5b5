package cn.grid.platform.time;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlTimestampsTest {

    private static final Instant AT = Instant.parse("2026-12-07T12:30:45.123Z");

    @Test
    void everyDriverRepresentationIsTheSameInstantInUtc() {
        OffsetDateTime expected = AT.atOffset(ZoneOffset.UTC);
        assertEquals(expected, SqlTimestamps.offsetDateTime(AT));
        assertEquals(expected, SqlTimestamps.offsetDateTime(Timestamp.from(AT)));
        assertEquals(expected, SqlTimestamps.offsetDateTime(expected));
        OffsetDateTime shanghai = AT.atOffset(ZoneOffset.ofHours(8));
        assertEquals(AT, SqlTimestamps.offsetDateTime(shanghai).toInstant());
    }

    @Test
    void sqlNullIsNull() {
        assertNull(SqlTimestamps.offsetDateTime(null));
    }

    @Test
    void aColumnOfAnotherTypeIsAProgrammingErrorNamedAsSuch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlTimestamps.offsetDateTime("2026-12-07"));
        assertEquals("not a timestamp column: java.lang.String", e.getMessage());
    }
}
