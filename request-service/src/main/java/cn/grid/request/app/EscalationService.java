package cn.grid.request.app;

import cn.grid.platform.ids.Ids;
import cn.grid.readmodel.grid.GridNodeSnapshot;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.request.domain.GridPlace;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.ServiceRequest;
import cn.grid.request.domain.Transition;
import cn.grid.request.domain.TransitionRecord;
import cn.grid.request.messaging.RequestEventPublisher;
import cn.grid.request.persistence.TransitionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * 督办/吹哨报到, one rung at a time: the parent of the node answering for a ticket (grid → community → street →
 * district, from the local grid read model) answers for it from now on. Shared by the escalate endpoint and the
 * SLA sweep; runs inside their transactions.
 */
@ApplicationScoped
public class EscalationService {

    private final GridNodeViews grids;
    private final TransitionRepository transitions;
    private final RequestEventPublisher events;

    public EscalationService(GridNodeViews grids, TransitionRepository transitions, RequestEventPublisher events) {
        this.grids = grids;
        this.transitions = transitions;
        this.events = events;
    }

    /** The node above the one answering for the ticket; empty at the top, in the community queue, or unknown. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<GridNodeSnapshot> nextLevel(ServiceRequest request) {
        return Optional.ofNullable(request.escalation().responsibleNodeId()).flatMap(grids::find)
                .map(GridNodeSnapshot::parentId).flatMap(grids::find);
    }

    /** Escalates one level (409 at the top or in the community queue), audits it and announces it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public TransitionRecord escalate(ServiceRequest request, String actor, String reason, boolean automatic,
            OffsetDateTime now) {
        UUID fromNode = request.escalation().responsibleNodeId();
        GridNodeSnapshot parent = nextLevel(request).orElse(null);
        RequestStatus state = request.escalateTo(parent == null ? null : new GridPlace(parent.id(), parent.path()),
                now);
        TransitionRecord record = new TransitionRecord(Ids.newId(), request.id(), Transition.ESCALATE, state, state,
                actor, reason, now);
        transitions.persist(record);
        events.escalated(request, fromNode, record, automatic);
        return record;
    }
}
