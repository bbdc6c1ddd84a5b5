package cn.grid.grid.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

/**
 * A person in a role at a node for a period: {@code [startDate, endDate]}, both days included, open-ended while
 * {@code endDate} is null. Ended assignments stay — they are the history of who was responsible when.
 */
@Entity
@Table(name = "assignment")
public class Assignment {

    @Id
    private UUID id;

    @Column(name = "person_id")
    private UUID personId;

    @Column(name = "node_id")
    private UUID nodeId;

    @Column(name = "node_path")
    private String nodePath;

    @Enumerated(EnumType.STRING)
    private AssignmentRole role;

    @Embedded
    private Tenure tenure;

    @Column(name = "work_organisation")
    private String workOrganisation;

    @Column(name = "end_reason")
    private String endReason;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected Assignment() {
        // for JPA
    }

    public static Assignment start(UUID id, Person person, GridNode node, AssignmentRole role, LocalDate startDate,
            LocalDate endDate, String workOrganisation, OffsetDateTime now) {
        if (node.status() != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("node " + node.id() + " is retired; nobody can be assigned there");
        }
        requireWorkOrganisationFits(role, workOrganisation);
        Assignment assignment = new Assignment();
        assignment.id = id;
        assignment.personId = person.id();
        assignment.nodeId = node.id();
        assignment.nodePath = node.path();
        assignment.role = role;
        assignment.tenure = new Tenure(startDate, endDate);
        assignment.workOrganisation = workOrganisation;
        assignment.createdAt = now;
        return assignment;
    }

    /**
     * 双报到: a party member registered where they live may also name the organisation where they work; no other
     * grant (another role, a membership, a team place: {@code role} null) names one.
     */
    public static void requireWorkOrganisationFits(AssignmentRole role, String workOrganisation) {
        if (workOrganisation != null && role != AssignmentRole.PARTY_MEMBER) {
            throw DomainProblem.invalid("workOrganisation", "only a party member's residence registration "
                    + "names a work organisation (双报到)");
        }
    }

    /** Whether the assignment still holds on {@code day} or will later (it has not ended before it). */
    public boolean holdsOnOrAfter(LocalDate day) {
        return tenure.endDate() == null || !tenure.endDate().isBefore(day);
    }

    /**
     * A person holds a role at a node once at a time: refuses (409) a tenure that shares a day with one of the
     * person's {@code existing} assignments of the same role at the same node. Other people, other roles and other
     * nodes never collide; a PARTY_MEMBER registration at one grid and another at a second grid may run side by side.
     */
    public static void requireNoOverlap(UUID personId, UUID nodeId, AssignmentRole role, Tenure tenure,
            Collection<Assignment> existing) {
        for (Assignment other : existing) {
            if (other.personId.equals(personId) && other.nodeId.equals(nodeId) && other.role == role
                    && other.tenure.overlaps(tenure)) {
                throw DomainProblem.conflict("person " + personId + " already holds " + role + " at " + nodeId
                        + " from " + other.tenure);
            }
        }
    }

    /** Ends the assignment on {@code day} (the last day it holds). */
    public void end(LocalDate day, String reason) {
        this.tenure = tenure.endOn(day, "assignment " + id);
        this.endReason = reason;
    }

    public Tenure tenure() {
        return tenure;
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

    public AssignmentRole role() {
        return role;
    }

    public LocalDate startDate() {
        return tenure.startDate();
    }

    public LocalDate endDate() {
        return tenure.endDate();
    }

    public String workOrganisation() {
        return workOrganisation;
    }

    public String endReason() {
        return endReason;
    }

    public long version() {
        return version;
    }
}
