package cn.grid.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One move of a ticket, for the audit trail and the citizen's timeline: who, when, from what to what, why. */
@Entity
@Table(name = "request_transition")
public class TransitionRecord {

    @Id
    private UUID id;

    @Column(name = "request_id")
    private UUID requestId;

    @Enumerated(EnumType.STRING)
    private Transition action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private RequestStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    private RequestStatus toStatus;

    private String actor;

    private String reason;

    private OffsetDateTime at;

    protected TransitionRecord() {
        // for JPA
    }

    public TransitionRecord(UUID id, UUID requestId, Transition action, RequestStatus from, RequestStatus to,
            String actor, String reason, OffsetDateTime at) {
        this.id = id;
        this.requestId = requestId;
        this.action = action;
        this.fromStatus = from;
        this.toStatus = to;
        this.actor = actor;
        this.reason = reason;
        this.at = at;
    }

    public UUID id() {
        return id;
    }

    public Transition action() {
        return action;
    }

    public RequestStatus fromStatus() {
        return fromStatus;
    }

    public RequestStatus toStatus() {
        return toStatus;
    }

    public String actor() {
        return actor;
    }

    public String reason() {
        return reason;
    }

    public OffsetDateTime at() {
        return at;
    }
}
