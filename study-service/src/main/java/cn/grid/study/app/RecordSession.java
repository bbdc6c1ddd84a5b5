package cn.grid.study.app;

import cn.grid.study.domain.SessionKind;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Use-case input: record a study session held (or planned) for a grid node. */
public record RecordSession(SessionKind kind, String title, UUID gridNodeId, OffsetDateTime startsAt,
        Integer durationMinutes, String place, String speaker) {
}
