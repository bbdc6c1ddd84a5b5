package cn.grid.grid.app;

import cn.grid.grid.domain.GridLevel;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.LevelCount;
import cn.grid.grid.messaging.GridEventPublisher;
import cn.grid.grid.persistence.GridNodeRepository;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Use cases of the grid hierarchy. Each public method is one transaction; scope checks happen here. */
@ApplicationScoped
public class GridNodeService {

    private final GridNodeRepository nodes;
    private final GridEventPublisher events;
    private final List<RetirementGuard> retirementGuards;
    private final IdempotencyKeys idempotencyKeys;

    public GridNodeService(GridNodeRepository nodes, GridEventPublisher events,
            jakarta.enterprise.inject.Instance<RetirementGuard> retirementGuards, IdempotencyKeys idempotencyKeys) {
        this.nodes = nodes;
        this.events = events;
        this.retirementGuards = retirementGuards.stream().toList();
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * Adds a node; with an {@code idempotencyKey}, a retry of the same request returns the node the first one added
     * (without one, that retry is refused: the code is taken among the siblings).
     */
    @Transactional
    public IdempotencyKeys.Outcome<GridNode> create(CreateGridNode command, Caller caller, String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/grids", caller, idempotencyKey,
                command, () -> create(command, caller), n -> n.id(), nodes::findByIdOptional);
    }

    private GridNode create(CreateGridNode command, Caller caller) {
        UUID id = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now();
        GridNode node;
        if (command.parentId() == null) {
            if (caller.gridScope() != null || !caller.hasRole(Roles.DISTRICT_ADMIN)) {
                throw DomainProblem.forbidden("only an unbound district administrator may create a district");
            }
            node = GridNode.root(id, command.level(), command.code(), command.name(), command.households(),
                    command.residents(), now);
        } else {
            GridNode parent = nodes.findByIdOptional(command.parentId())
                    .orElseThrow(() -> DomainProblem.invalid("parentId", "grid node " + command.parentId()
                            + " does not exist"));
            caller.requireStaffOver(parent.path(), "parent node " + parent.id());
            node = parent.addChild(id, command.level(), command.code(), command.name(), command.households(),
                    command.residents(), now);
        }
        requireFreeCode(node.parentId(), node.code());
        nodes.persist(node);
        events.nodeCreated(node);
        return node;
    }

    /** A node for reading: staff within scope; citizens read any node's public information. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public GridNode get(UUID id, Caller caller) {
        GridNode node = find(id);
        if (!isPublicReader(caller)) {
            caller.requireScope(node.path(), "grid node " + id);
        }
        return node;
    }

    @Transactional
    public GridNode update(UUID id, long expectedVersion, UpdateGridNode command, Caller caller) {
        GridNode node = changeable(id, expectedVersion, caller);
        node.update(command.name(), command.households(), command.residents(), OffsetDateTime.now());
        events.nodeUpdated(node);
        return node;
    }

    /** Moves a node and its whole subtree under another parent (both inside the caller's scope). */
    @Transactional
    public GridNode move(UUID id, long expectedVersion, UUID newParentId, Caller caller) {
        GridNode node = changeable(id, expectedVersion, caller);
        node.requireMovable();
        GridNode newParent = nodes.findByIdOptional(newParentId)
                .orElseThrow(() -> DomainProblem.invalid("parentId", "grid node " + newParentId + " does not exist"));
        caller.requireStaffOver(newParent.path(), "new parent " + newParentId);
        if (!newParentId.equals(node.parentId())) {
            // checked before the move: afterwards the node would count as its own sibling
            requireFreeCode(newParentId, node.code());
        }
        UUID oldParentId = node.parentId();
        String oldPath = node.path();
        int oldDepth = node.depth();
        node.moveUnder(newParent, OffsetDateTime.now());
        nodes.moveSubtree(oldPath, node.path(), node.depth() - oldDepth);
        events.nodeMoved(node, oldParentId, oldPath);
        return node;
    }

    /** Retires a node once nothing active remains at or under it (children, assignments ...). */
    @Transactional
    public GridNode retire(UUID id, long expectedVersion, String reason, Caller caller) {
        GridNode node = changeable(id, expectedVersion, caller);
        node.requireNoActiveChildren(nodes.activeChildren(id));
        for (RetirementGuard guard : retirementGuards) {
            guard.check(node);
        }
        node.retire(OffsetDateTime.now());
        events.nodeRetired(node, reason);
        return node;
    }

    /** The breadcrumb: root first, the node itself last. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GridNode> ancestors(UUID id, Caller caller) {
        GridNode node = get(id, caller);
        List<GridNode> lineage = nodes.lineage(node.lineage());
        if (isPublicReader(caller) || caller.gridScope() == null) {
            return lineage;
        }
        // above its scope a bound caller sees no more than where its own subtree hangs
        return lineage.stream().filter(n -> caller.covers(n.path()) || node.path().startsWith(n.path())).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> children(UUID parentId, PageRequest page, Caller caller, Function<GridNode, T> view) {
        get(parentId, caller);
        return page.page(nodes.children(parentId, page.afterId(), page.limit() + 1), n -> n.id().toString(), view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> descendants(UUID id, String nameContains, GridLevel level, PageRequest page,
            Caller caller, Function<GridNode, T> view) {
        GridNode node = inScope(id, caller);
        return page.page(nodes.descendants(node.path(), nameContains, level, page.afterId(), page.limit() + 1),
                n -> n.id().toString(), view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LevelCount> counts(UUID id, Caller caller) {
        return nodes.countsBelow(inScope(id, caller).path());
    }

    private GridNode changeable(UUID id, long expectedVersion, Caller caller) {
        GridNode node = find(id);
        caller.requireStaffOver(node.path(), "grid node " + id);
        IfMatch.check(expectedVersion, node.version(), "grid node " + id);
        return node;
    }

    private GridNode inScope(UUID id, Caller caller) {
        GridNode node = find(id);
        caller.requireScope(node.path(), "grid node " + id);
        return node;
    }

    private GridNode find(UUID id) {
        return nodes.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("grid node", id));
    }

    private void requireFreeCode(UUID parentId, String code) {
        if (nodes.siblingCodeTaken(parentId, code)) {
            throw DomainProblem.conflict("code " + code + " is already used by a sibling of this node");
        }
    }

    private static boolean isPublicReader(Caller caller) {
        // a node's public information is for anyone who signs in with the citizen app, whatever else the registry
        // makes them (a party member registered in one grid still reads every other grid as a citizen)
        return caller.hasRole(Roles.CITIZEN);
    }
}
