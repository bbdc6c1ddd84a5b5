package cn.grid.study.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One study-education session held for (the party members of) a grid node. */
@Entity
@Table(name = "study_session")
public class StudySession {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    private SessionKind kind;

    private String title;

    @Column(name = "grid_node_id")
    private UUID gridNodeId;

    @Column(name = "grid_path")
    private String gridPath;

    @Column(name = "starts_at")
    private OffsetDateTime startsAt;

    @Column(name = "duration_min")
    private Integer durationMinutes;

    private String place;

    private String speaker;

    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "speaker_subject")
    private String speakerSubject;

    @Column(name = "non_member_audience")
    private Integer nonMemberAudience;

    @Column(name = "recorded_by")
    private String recordedBy;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected StudySession() {
        // for JPA
    }

    /** Who held it and who lectured (by login), and how many non-members came. */
    public void describe(UUID org, String speakerLogin, Integer nonMembers) {
        if (nonMembers != null && nonMembers < 0) {
            throw DomainProblem.invalid("nonMemberAudience", "must not be negative");
        }
        orgId = org;
        speakerSubject = speakerLogin;
        nonMemberAudience = nonMembers;
    }

    public UUID orgId() {
        return orgId;
    }

    public String speakerSubject() {
        return speakerSubject;
    }

    public Integer nonMemberAudience() {
        return nonMemberAudience;
    }

    public static StudySession record(UUID id, SessionKind kind, String title, UUID gridNodeId, String gridPath,
            OffsetDateTime startsAt, Integer durationMinutes, String place, String speaker, String recordedBy,
            OffsetDateTime now) {
        if (startsAt.isAfter(now.plusYears(1))) {
            throw DomainProblem.invalid("startsAt", "a session is planned at most a year ahead");
        }
        if ((kind == SessionKind.MICRO_LECTURE || kind == SessionKind.LECTURE_TOUR) && (speaker == null || speaker.isBlank())) {
            throw DomainProblem.invalid("speaker", "a lecture needs its speaker (credit for who lectured)");
        }
        StudySession session = new StudySession();
        session.id = id;
        session.kind = kind;
        session.title = title;
        session.gridNodeId = gridNodeId;
        session.gridPath = gridPath;
        session.startsAt = startsAt;
        session.durationMinutes = durationMinutes;
        session.place = place;
        session.speaker = speaker;
        session.recordedBy = recordedBy;
        session.createdAt = now;
        return session;
    }

    public UUID id() {
        return id;
    }

    public SessionKind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public UUID gridNodeId() {
        return gridNodeId;
    }

    public String gridPath() {
        return gridPath;
    }

    public OffsetDateTime startsAt() {
        return startsAt;
    }

    public Integer durationMinutes() {
        return durationMinutes;
    }

    public String place() {
        return place;
    }

    public String speaker() {
        return speaker;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
