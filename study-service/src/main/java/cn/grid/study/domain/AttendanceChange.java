package cn.grid.study.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The audit of attendance: a first recording ({@code fromStatus} null) or a correction, with its reason. */
public record AttendanceChange(UUID id, UUID sessionId, String subject, AttendanceStatus fromStatus,
        AttendanceStatus toStatus, String changedBy, String reason, OffsetDateTime at) {
}
