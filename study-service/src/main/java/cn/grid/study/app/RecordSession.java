package cn.grid.study.app;

import cn.grid.study.domain.SessionKind;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Use-case input: record a study session held (or planned) for a grid node — optionally by an organisation,
 * with the speaker's login subject (they earn LECTURE points), the materials used and a non-member audience.
 * The materials are a set: kept sorted and without repeats, so {@link #toString()} is the same for the same
 * request however the client ordered them (it is the canonical form an Idempotency-Key's request is checked by).
 */
public record RecordSession(SessionKind kind, String title, UUID gridNodeId, OffsetDateTime startsAt,
        Integer durationMinutes, String place, String speaker, UUID orgId, String speakerSubject,
        List<UUID> materialIds, Integer nonMemberAudience) {

    public RecordSession {
        materialIds = materialIds == null ? List.of() : List.copyOf(new TreeSet<>(materialIds));
    }

    /** A session with no organisation, speaker login, materials or non-member audience. */
    public RecordSession(SessionKind kind, String title, UUID gridNodeId, OffsetDateTime startsAt,
            Integer durationMinutes, String place, String speaker) {
        this(kind, title, gridNodeId, startsAt, durationMinutes, place, speaker, null, null, null, null);
    }
}
