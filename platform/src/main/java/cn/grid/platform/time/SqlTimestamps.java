package cn.grid.platform.time;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A {@code timestamptz} column read through a native query, as an {@link OffsetDateTime}. Which Java type such a
 * column arrives as depends on the query path (Hibernate's native queries give {@link Instant} or
 * {@link OffsetDateTime}, plain JDBC {@link Timestamp}), so every repository that reads rows as {@code Object[]}
 * converts through here rather than guessing.
 */
public final class SqlTimestamps {

    private SqlTimestamps() {
    }

    /** The value in UTC, or {@code null} for SQL NULL. */
    public static OffsetDateTime offsetDateTime(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a timestamp column: " + value.getClass().getName());
    }
}
