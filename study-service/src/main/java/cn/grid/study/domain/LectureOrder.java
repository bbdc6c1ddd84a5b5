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

/**
 * 点单: a branch orders an offered micro-lecture for a date and place; its speaker accepts (the lecture becomes
 * a scheduled study session) or declines.
 */
@Entity
@Table(name = "study_lecture_order")
public class LectureOrder {

    @Id
    private UUID id;

    @Column(name = "material_id")
    private UUID materialId;

    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "speaker_subject")
    private String speakerSubject;

    @Column(name = "wanted_at")
    private OffsetDateTime wantedAt;

    private String place;

    @Enumerated(EnumType.STRING)
    private LectureOrderStatus status;

    @Column(name = "decline_reason")
    private String declineReason;

    @Column(name = "session_id")
    private UUID sessionId;

    @Column(name = "ordered_by")
    private String orderedBy;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected LectureOrder() {
        // for JPA
    }

    public static LectureOrder place(UUID id, StudyMaterial lecture, UUID orgId, OffsetDateTime wantedAt,
            String place, String orderedBy, OffsetDateTime now) {
        if (!lecture.offered()) {
            throw DomainProblem.invalid("materialId", "material " + lecture.id()
                    + " is not a micro-lecture offered for ordering");
        }
        if (!wantedAt.isAfter(now)) {
            throw DomainProblem.invalid("wantedAt", "a lecture is ordered for a time still to come");
        }
        if (wantedAt.isAfter(now.plusYears(1))) {
            throw DomainProblem.invalid("wantedAt", "a lecture is ordered at most a year ahead");
        }
        LectureOrder order = new LectureOrder();
        order.id = id;
        order.materialId = lecture.id();
        order.orgId = orgId;
        order.speakerSubject = lecture.speakerSubject();
        order.wantedAt = wantedAt;
        order.place = place;
        order.status = LectureOrderStatus.REQUESTED;
        order.orderedBy = orderedBy;
        order.createdAt = now;
        return order;
    }

    /** Only the speaker the order was placed with answers it. */
    public boolean isSpeaker(String subject) {
        return speakerSubject.equals(subject);
    }

    public void accept(UUID sessionId, OffsetDateTime now) {
        require("accept");
        this.status = LectureOrderStatus.ACCEPTED;
        this.sessionId = sessionId;
        this.decidedAt = now;
    }

    public void decline(String reason, OffsetDateTime now) {
        require("decline");
        this.status = LectureOrderStatus.DECLINED;
        this.declineReason = reason;
        this.decidedAt = now;
    }

    /** A decided order stays decided: a 409 naming its state. */
    public void require(String verb) {
        if (status != LectureOrderStatus.REQUESTED) {
            throw DomainProblem.conflict("lecture order " + id + " is " + status + "; " + verb + " needs REQUESTED");
        }
    }

    public UUID id() {
        return id;
    }

    public UUID materialId() {
        return materialId;
    }

    public UUID orgId() {
        return orgId;
    }

    public String speakerSubject() {
        return speakerSubject;
    }

    public OffsetDateTime wantedAt() {
        return wantedAt;
    }

    public String place() {
        return place;
    }

    public LectureOrderStatus status() {
        return status;
    }

    public String declineReason() {
        return declineReason;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public String orderedBy() {
        return orderedBy;
    }

    public OffsetDateTime decidedAt() {
        return decidedAt;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
