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
 * 观后感/心得: what a member took from a session or a material, reviewed by an administrator over the member's
 * organisation.
 */
@Entity
@Table(name = "study_reflection")
public class Reflection {

    public static final int MAX_TEXT = 5000;

    @Id
    private UUID id;

    @Column(name = "session_id")
    private UUID sessionId;

    @Column(name = "material_id")
    private UUID materialId;

    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "member_subject")
    private String memberSubject;

    @Column(name = "person_id")
    private UUID personId;

    private String text;

    @Enumerated(EnumType.STRING)
    private ReflectionState state;

    @Column(name = "review_note")
    private String reviewNote;

    @Column(name = "reviewed_by")
    private String reviewedBy;

    @Column(name = "reviewed_at")
    private OffsetDateTime reviewedAt;

    @Column(name = "submitted_at")
    private OffsetDateTime submittedAt;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected Reflection() {
        // for JPA
    }

    /** On exactly one of a session or a material. */
    public static Reflection submit(UUID id, UUID sessionId, UUID materialId, OrgMember member, String text,
            OffsetDateTime now) {
        if ((sessionId == null) == (materialId == null)) {
            throw DomainProblem.invalid("sessionId", "a reflection is on one session or one material: give "
                    + "sessionId or materialId");
        }
        Reflection reflection = new Reflection();
        reflection.id = id;
        reflection.sessionId = sessionId;
        reflection.materialId = materialId;
        reflection.orgId = member.orgId();
        reflection.memberSubject = member.subject();
        reflection.personId = member.personId();
        reflection.text = checked(text);
        reflection.state = ReflectionState.SUBMITTED;
        reflection.submittedAt = now;
        reflection.createdAt = now;
        return reflection;
    }

    public void approve(String reviewer, String note, OffsetDateTime now) {
        review("approve", reviewer, ReflectionState.APPROVED, note, now);
    }

    /** Back to the member with what to improve; the note is required. */
    public void giveBack(String reviewer, String note, OffsetDateTime now) {
        if (note == null || note.isBlank()) {
            throw DomainProblem.invalid("note", "say what to improve when returning a reflection");
        }
        review("return", reviewer, ReflectionState.RETURNED, note, now);
    }

    /** The member's revised text after a return; the last review note stays for reference. */
    public void resubmit(String newText, OffsetDateTime now) {
        if (state != ReflectionState.RETURNED) {
            throw DomainProblem.conflict("reflection " + id + " is " + state + "; resubmit needs RETURNED");
        }
        text = checked(newText);
        state = ReflectionState.SUBMITTED;
        submittedAt = now;
    }

    /** The state speaks first: a review of anything but a submitted reflection is a 409 naming the state. */
    public void requireSubmitted(String verb) {
        if (state != ReflectionState.SUBMITTED) {
            throw DomainProblem.conflict("reflection " + id + " is " + state + "; " + verb + " needs SUBMITTED");
        }
    }

    private void review(String verb, String reviewer, ReflectionState to, String note, OffsetDateTime now) {
        requireSubmitted(verb);
        if (reviewer.equals(memberSubject)) {
            throw DomainProblem.forbidden("nobody reviews their own reflection");
        }
        state = to;
        reviewNote = note;
        reviewedBy = reviewer;
        reviewedAt = now;
    }

    private static String checked(String text) {
        if (text == null || text.isBlank()) {
            throw DomainProblem.invalid("text", "write the reflection");
        }
        String stripped = text.strip();
        if (stripped.length() > MAX_TEXT) {
            throw DomainProblem.invalid("text", "at most " + MAX_TEXT + " characters");
        }
        return stripped;
    }

    public boolean isAuthor(String subject) {
        return memberSubject.equals(subject);
    }

    public UUID id() {
        return id;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public UUID materialId() {
        return materialId;
    }

    public UUID orgId() {
        return orgId;
    }

    public String memberSubject() {
        return memberSubject;
    }

    public UUID personId() {
        return personId;
    }

    public String text() {
        return text;
    }

    public ReflectionState state() {
        return state;
    }

    public String reviewNote() {
        return reviewNote;
    }

    public String reviewedBy() {
        return reviewedBy;
    }

    public OffsetDateTime reviewedAt() {
        return reviewedAt;
    }

    public OffsetDateTime submittedAt() {
        return submittedAt;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
