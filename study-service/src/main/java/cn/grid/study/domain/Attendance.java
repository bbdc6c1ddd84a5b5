package cn.grid.study.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One member's attendance at a session. */
public record Attendance(UUID sessionId, String subject, UUID personId, String personName, AttendanceStatus status,
        String recordedBy, OffsetDateTime recordedAt) {
}
