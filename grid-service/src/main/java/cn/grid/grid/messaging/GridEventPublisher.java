package cn.grid.grid.messaging;

import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.AssignmentRole;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.Person;
import cn.grid.platform.events.AssignmentEndedV1;
import cn.grid.platform.events.AssignmentStartedV1;
import cn.grid.platform.events.GridNodeCreatedV1;
import cn.grid.platform.events.GridNodeMovedV1;
import cn.grid.platform.events.GridNodeRetiredV1;
import cn.grid.platform.events.GridNodeUpdatedV1;
import cn.grid.platform.events.PartyMemberRegisteredV1;
import cn.grid.platform.events.PartyMemberUnregisteredV1;
import cn.grid.platform.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;

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

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
