package cn.grid.grid.domain;

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
 * A party member's request to be registered at a grid of residence (居住地报到), made by the member; the grid's
 * worker or the community approves (which starts the PARTY_MEMBER assignment) or rejects it with a reason. Decided
 * requests stay: they are the member's history.
 */
@Entity
@Table(name = "registration_request")
public class RegistrationRequest {

    @Id
    private UUID id;

    @Column(name = "person_id")
    private UUID personId;

    @Column(name = "node_id")
    private UUID nodeId;

    @Column(name = "node_path")
    private String nodePath;

    @Column(name = "work_organisation")
    private String workOrganisation;

    @Enumerated(EnumType.STRING)
    private RegistrationStatus status;

    private String reason;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    @Column(name = "assignment_id")
    private UUID assignmentId;

    @Version
    private long version;

    @Column(name = "requested_at")
    private OffsetDateTime requestedAt;

    protected RegistrationRequest() {
        // for JPA
    }

    public static RegistrationRequest submit(UUID id, Person person, GridNode node, String workOrganisation,
            OffsetDateTime now) {
        if (node.status() != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("node " + node.id() + " is retired; nobody can register there");
        }
        RegistrationRequest request = new RegistrationRequest();
        request.id = id;
        request.personId = person.id();
        request.nodeId = node.id();
        request.nodePath = node.path();
        request.workOrganisation = workOrganisation;
        request.status = RegistrationStatus.PENDING;
        request.requestedAt = now;
        return request;
    }

    /** Approved: {@code assignment} is the PARTY_MEMBER registration it started. */
    public void approve(Assignment assignment, String reviewer, OffsetDateTime now) {
        decide(RegistrationStatus.APPROVED, null, reviewer, now);
        this.assignmentId = assignment.id();
    }

    public void reject(String why, String reviewer, OffsetDateTime now) {
        if (why == null || why.isBlank()) {
            throw DomainProblem.invalid("reason", "a rejection needs a reason the member can read");
        }
        decide(RegistrationStatus.REJECTED, why.strip(), reviewer, now);
    }

    public void withdraw(String member, OffsetDateTime now) {
        decide(RegistrationStatus.WITHDRAWN, null, member, now);
    }

    private void decide(RegistrationStatus outcome, String why, String by, OffsetDateTime now) {
        if (status != RegistrationStatus.PENDING) {
            throw DomainProblem.conflict("registration request " + id + " is already " + status);
        }
        this.status = outcome;
        this.reason = why;
        this.decidedBy = by;
        this.decidedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID personId() {
        return personId;
    }

    public UUID nodeId() {
        return nodeId;
    }

    public String nodePath() {
        return nodePath;
    }

    public String workOrganisation() {
        return workOrganisation;
    }

    public RegistrationStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public OffsetDateTime decidedAt() {
        return decidedAt;
    }

    public UUID assignmentId() {
        return assignmentId;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime requestedAt() {
        return requestedAt;
    }
}
