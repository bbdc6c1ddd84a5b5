package cn.grid.study.api;

import cn.grid.study.domain.SessionKind;
import cn.grid.study.domain.StudySession;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "StudySession", description = "A recorded study-education session.")
public record StudySessionView(UUID id, SessionKind kind, String title, UUID gridNodeId, OffsetDateTime startsAt,
        Integer durationMinutes, String place, String speaker, String recordedBy, long version,
        OffsetDateTime createdAt) {

    static StudySessionView of(StudySession s) {
        return new StudySessionView(s.id(), s.kind(), s.title(), s.gridNodeId(), s.startsAt(), s.durationMinutes(),
                s.place(), s.speaker(), s.recordedBy(), s.version(), s.createdAt());
    }
}
