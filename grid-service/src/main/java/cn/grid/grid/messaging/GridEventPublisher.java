package cn.grid.grid.messaging;

import cn.grid.contracts.events.grid.AssignmentEndedV1;
import cn.grid.contracts.events.grid.AssignmentStartedV1;
import cn.grid.contracts.events.grid.GridBoundaryChangedV1;
import cn.grid.contracts.events.grid.GridNodeCreatedV1;
import cn.grid.contracts.events.grid.GridNodeMovedV1;
import cn.grid.contracts.events.grid.GridNodeRetiredV1;
import cn.grid.contracts.events.grid.GridNodeUpdatedV1;
import cn.grid.contracts.events.grid.PartyMemberRegisteredV1;
import cn.grid.contracts.events.grid.PartyMemberUnregisteredV1;
import cn.grid.contracts.events.grid.PartyOrgChangedV1;
import cn.grid.contracts.events.grid.PartyOrgCreatedV1;
import cn.grid.contracts.events.grid.PartyOrgMembershipChangedV1;
import cn.grid.contracts.events.grid.RegistrationReviewedV1;
import cn.grid.contracts.events.grid.RegistrationSubmittedV1;
import cn.grid.contracts.events.grid.TeamChangedV1;
import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.AssignmentRole;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.OrgMembership;
import cn.grid.grid.domain.PartyOrg;
import cn.grid.grid.domain.Person;
import cn.grid.grid.domain.RegistrationRequest;
import cn.grid.grid.domain.Team;
import cn.grid.platform.geo.Area;
import cn.grid.platform.outbox.OutboxWriter;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Announces grid changes on {@code grid.events}, through the outbox of the calling transaction. */
@ApplicationScoped
public class GridEventPublisher {

    private final OutboxWriter outbox;

    public GridEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void nodeCreated(GridNode node) {
        outbox.append(new GridNodeCreatedV1(node.id().toString(), text(node.parentId()), node.path(),
                node.level().name(), node.code(), node.name()));
    }

    public void nodeUpdated(GridNode node) {
        outbox.append(new GridNodeUpdatedV1(node.id().toString(), node.path(), node.level().name(), node.code(),
                node.name(), node.households(), node.residents()));
    }

    public void nodeMoved(GridNode node, UUID oldParentId, String oldPath) {
        outbox.append(new GridNodeMovedV1(node.id().toString(), text(oldParentId), text(node.parentId()), oldPath,
                node.path(), node.level().name()));
    }

    public void nodeRetired(GridNode node, String reason) {
        outbox.append(new GridNodeRetiredV1(node.id().toString(), node.path(), reason));
    }

    public void assignmentStarted(Assignment assignment, Person person) {
        if (assignment.role() == AssignmentRole.PARTY_MEMBER) {
            outbox.append(new PartyMemberRegisteredV1(assignment.id().toString(), person.id().toString(),
                    person.name(), person.subject(), assignment.nodeId().toString(), assignment.nodePath(),
                    assignment.startDate().toString(), assignment.workOrganisation()));
        } else {
            outbox.append(new AssignmentStartedV1(assignment.id().toString(), person.id().toString(), person.name(),
                    person.subject(), assignment.nodeId().toString(), assignment.nodePath(), assignment.role().name(),
                    assignment.startDate().toString(),
                    assignment.endDate() == null ? null : assignment.endDate().toString()));
        }
    }

    public void assignmentEnded(Assignment assignment) {
        if (assignment.role() == AssignmentRole.PARTY_MEMBER) {
            outbox.append(new PartyMemberUnregisteredV1(assignment.id().toString(), assignment.personId().toString(),
                    assignment.nodeId().toString(), assignment.endDate().toString(), assignment.endReason()));
        } else {
            outbox.append(new AssignmentEndedV1(assignment.id().toString(), assignment.personId().toString(),
                    assignment.nodeId().toString(), assignment.role().name(), assignment.endDate().toString(),
                    assignment.endReason()));
        }
    }

    /** A registration request (居住地报到) waits for a reviewer over its grid. */
    public void registrationSubmitted(RegistrationRequest request, Person person) {
        outbox.append(new RegistrationSubmittedV1(request.id().toString(), person.id().toString(), person.subject(),
                person.name(), request.nodeId().toString(), request.nodePath(), request.workOrganisation(),
                request.requestedAt()));
    }

    /** A registration request was approved, rejected or withdrawn: its status is the decision. */
    public void registrationReviewed(RegistrationRequest request, Person person) {
        outbox.append(new RegistrationReviewedV1(request.id().toString(), person.id().toString(), person.subject(),
                person.name(), request.nodeId().toString(), request.nodePath(), request.status().name(),
                request.reason(), text(request.assignmentId()), request.decidedBy(), request.decidedAt()));
    }

    public void partyOrgCreated(PartyOrg org) {
        outbox.append(new PartyOrgCreatedV1(org.id().toString(), text(org.parentId()), org.orgPath(),
                org.kind().name(), org.branchType() == null ? null : org.branchType().name(), org.name(),
                org.gridNodeId().toString(), org.gridPath()));
    }

    public void partyOrgChanged(PartyOrg org) {
        outbox.append(new PartyOrgChangedV1(org.id().toString(), text(org.parentId()), org.orgPath(),
                org.kind().name(), org.branchType() == null ? null : org.branchType().name(), org.name(),
                org.gridNodeId().toString(), org.gridPath(), org.status().name()));
    }

    public void membershipChanged(OrgMembership membership, Person person) {
        outbox.append(new PartyOrgMembershipChangedV1(membership.id().toString(), membership.orgId().toString(),
                person.id().toString(), person.name(), person.subject(), membership.role().name(),
                membership.tenure().startDate().toString(),
                membership.tenure().endDate() == null ? null : membership.tenure().endDate().toString()));
    }

    public void teamChanged(Team team, List<TeamChangedV1.Member> members) {
        outbox.append(new TeamChangedV1(team.id().toString(), team.kind().name(), team.name(),
                team.gridNodeId().toString(), team.gridPath(), team.status().name(), team.version(), members));
    }

    public void boundaryChanged(GridNode node, long version, JsonNode geometry, Area.BoundingBox box) {
        outbox.append(new GridBoundaryChangedV1(node.id().toString(), node.path(), version, geometry,
                List.of(box.minLon(), box.minLat(), box.maxLon(), box.maxLat())));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
