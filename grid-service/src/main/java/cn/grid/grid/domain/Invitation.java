package cn.grid.grid.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An offer of a role, a party-organisation membership or a team place to a person outside the granter's area. Nobody
 * is pulled into an area: the grant is made only when the person accepts with their own login.
 */
@Entity
@Table(name = "grant_invitation")
public class Invitation {

    @Id
    private UUID id;

    @Column(name = "person_id")
    private UUID personId;

    @Enumerated(EnumType.STRING)
    private InvitationKind kind;

    /** where the grant lives: the node of an assignment, the grid of the organisation or the team */
    @Column(name = "node_id")
    private UUID nodeId;

    @Column(name = "node_path")
    private String nodePath;

    private String role;

    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "team_id")
    private UUID teamId;

    @Column(name = "start_date")
    private LocalDate startDate;

    @Column(name = "end_date")
    private LocalDate endDate;

    @Column(name = "work_organisation")
    private String workOrganisation;

    @Enumerated(EnumType.STRING)
    private InvitationStatus status;

    @Column(name = "invited_by")
    private String invitedBy;

    @Column(name = "grant_id")
    private UUID grantId;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    protected Invitation() {
        // for JPA
    }

    /** An offer to {@code person}; {@code orgId} / {@code teamId} only for their kinds, {@code grid} where it lives. */
    public static Invitation offer(UUID id, Person person, InvitationKind kind, GridNode grid, String role, UUID orgId,
            UUID teamId, LocalDate startDate, LocalDate endDate, String workOrganisation, String invitedBy,
            OffsetDateTime now) {
        if (grid.status() != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("node " + grid.id() + " is retired; nobody can be invited there");
        }
        if (startDate != null) {
            new Tenure(startDate, endDate); // refuses an end before the start, naming endDate
        }
        Invitation invitation = new Invitation();
        invitation.id = id;
        invitation.personId = person.id();
        invitation.kind = kind;
        invitation.nodeId = grid.id();
        invitation.nodePath = grid.path();
        invitation.role = role;
        invitation.orgId = orgId;
        invitation.teamId = teamId;
        invitation.startDate = startDate;
        invitation.endDate = endDate;
        invitation.workOrganisation = workOrganisation;
        invitation.status = InvitationStatus.PENDING;
        invitation.invitedBy = invitedBy;
        invitation.createdAt = now;
        return invitation;
    }

    /** Accepted: {@code grant} is the id of the assignment, membership or team place made for it. */
    public void accept(UUID grant, OffsetDateTime now) {
        answer(InvitationStatus.ACCEPTED, now);
        this.grantId = grant;
    }

    public void decline(OffsetDateTime now) {
        answer(InvitationStatus.DECLINED, now);
    }

    private void answer(InvitationStatus answer, OffsetDateTime now) {
        if (status != InvitationStatus.PENDING) {
            throw DomainProblem.conflict("invitation " + id + " is already " + status);
        }
        this.status = answer;
        this.decidedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID personId() {
        return personId;
    }

    public InvitationKind kind() {
        return kind;
    }

    public UUID nodeId() {
        return nodeId;
    }

    public String nodePath() {
        return nodePath;
    }

    public String role() {
        return role;
    }

    public UUID orgId() {
        return orgId;
    }

    public UUID teamId() {
        return teamId;
    }

    public LocalDate startDate() {
        return startDate;
    }

    public LocalDate endDate() {
        return endDate;
    }

    public String workOrganisation() {
        return workOrganisation;
    }

    public InvitationStatus status() {
        return status;
    }

    public String invitedBy() {
        return invitedBy;
    }

    public UUID grantId() {
        return grantId;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime decidedAt() {
        return decidedAt;
    }
}
