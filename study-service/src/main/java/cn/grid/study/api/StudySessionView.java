package cn.grid.study.api;

import cn.grid.study.domain.SessionKind;
import cn.grid.study.domain.StudySession;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "StudySession", description = "A recorded study-education session.")
public record StudySessionView(UUID id, SessionKind kind, String title, UUID gridNodeId, OffsetDateTime startsAt,
        Integer durationMinutes, String place, String speaker, UUID orgId, String speakerSubject,
        Integer nonMemberAudience,
        @Schema(description = "Catalogue materials used (on the single session; null in lists)") List<UUID> materialIds,
        String recordedBy, long version, OffsetDateTime createdAt) {

    static StudySessionView of(StudySession s) {
        return new StudySessionView(s.id(), s.kind(), s.title(), s.gridNodeId(), s.startsAt(), s.durationMinutes(),
                s.place(), s.speaker(), s.orgId(), s.speakerSubject(), s.nonMemberAudience(), null, s.recordedBy(),
                s.version(), s.createdAt());
    }

    static StudySessionView of(StudySession s, List<UUID> materialIds) {
        return new StudySessionView(s.id(), s.kind(), s.title(), s.gridNodeId(), s.startsAt(), s.durationMinutes(),
                s.place(), s.speaker(), s.orgId(), s.speakerSubject(), s.nonMemberAudience(), materialIds,
                s.recordedBy(), s.version(), s.createdAt());
    }
}
