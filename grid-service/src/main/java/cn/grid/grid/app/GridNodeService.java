package cn.grid.grid.app;

import cn.grid.grid.domain.GridNode;
import cn.grid.grid.messaging.GridEventPublisher;
import cn.grid.grid.persistence.GridNodeRepository;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;

/** Use cases of the grid hierarchy. Each public method is one transaction; scope checks happen here. */
@ApplicationScoped
public class GridNodeService {

    private final GridNodeRepository nodes;
    private final GridEventPublisher events;

    public GridNodeService(GridNodeRepository nodes, GridEventPublisher events) {
        this.nodes = nodes;
        this.events = events;
    }

    @Transactional
    public GridNode create(CreateGridNode command, Caller caller) {
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
            caller.requireScope(parent.path(), "parent node " + parent.id());
            node = parent.addChild(id, command.level(), command.code(), command.name(), command.households(),
                    command.residents(), now);
        }
        if (nodes.siblingCodeTaken(node.parentId(), node.code())) {
            throw DomainProblem.conflict("code " + node.code() + " is already used by a sibling of this node");
        }
        nodes.persist(node);
        events.nodeCreated(node);
        return node;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GridNode get(UUID id, Caller caller) {
        GridNode node = nodes.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("grid node", id));
        caller.requireScope(node.path(), "grid node " + id);
        return node;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> children(UUID parentId, PageRequest page, Caller caller, Function<GridNode, T> view) {
        get(parentId, caller);
        return page.page(nodes.children(parentId, page.afterId(), page.limit() + 1), n -> n.id().toString(), view);
    }
}
