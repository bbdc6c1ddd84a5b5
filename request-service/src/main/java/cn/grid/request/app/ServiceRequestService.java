package cn.grid.request.app;

import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.platform.time.GridCalendar;
import cn.grid.readmodel.grid.AssignmentSnapshot;
import cn.grid.readmodel.grid.GridAssignmentViews;
import cn.grid.readmodel.grid.GridBoundaryViews;
import cn.grid.readmodel.grid.GridNodeSnapshot;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.request.config.RequestsConfig;
import cn.grid.request.domain.Contact;
import cn.grid.request.domain.GridPlace;
import cn.grid.request.domain.HandlingLevel;
import cn.grid.request.domain.RequestCategory;
import cn.grid.request.domain.ServiceRequest;
import cn.grid.request.domain.Submission;
import cn.grid.request.domain.TicketDetails;
import cn.grid.request.domain.TicketFilter;
import cn.grid.request.domain.TicketLocation;
import cn.grid.request.domain.TicketScope;
import cn.grid.request.domain.TicketSort;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.grid.request.messaging.RequestEventPublisher;
import cn.grid.request.persistence.DuplicateRepository;
import cn.grid.request.persistence.ServiceRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Use cases of citizen request tickets. Each public method is one transaction; scope checks happen here. */
@ApplicationScoped
public class ServiceRequestService {

    private final ServiceRequestRepository requests;
    private final GridNodeViews grids;
    private final RequestEventPublisher events;
    private final IdempotencyKeys idempotencyKeys;
    private final GridBoundaryViews boundaries;
    private final DuplicateRepository duplicates;
    private final double duplicateRadiusMetres;
    private final CategoryCatalogueService catalogue;
    private final ObjectMapper json;
    private final GridAssignmentViews assignments;
    private final GridCalendar calendar;
    private final TicketFilters ticketFilters;

    public ServiceRequestService(ServiceRequestRepository requests, GridNodeViews grids, RequestEventPublisher events,
            IdempotencyKeys idempotencyKeys, GridBoundaryViews boundaries, DuplicateRepository duplicates,
            CategoryCatalogueService catalogue, ObjectMapper json, GridAssignmentViews assignments,
            GridCalendar calendar, TicketFilters ticketFilters, RequestsConfig config) {
        this.requests = requests;
        this.grids = grids;
        this.events = events;
        this.idempotencyKeys = idempotencyKeys;
        this.boundaries = boundaries;
        this.duplicates = duplicates;
        this.duplicateRadiusMetres = config.duplicateRadius();
        this.catalogue = catalogue;
        this.json = json;
        this.assignments = assignments;
        this.calendar = calendar;
        this.ticketFilters = ticketFilters;
    }

    /**
     * Submits a ticket; with an {@code idempotencyKey}, a retry of the same submission returns the ticket the
     * first one created instead of a second ticket.
     */
    @Transactional
    public IdempotencyKeys.Outcome<ServiceRequest> submit(SubmitRequest command, Caller caller, String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/requests", caller, idempotencyKey,
                command, () -> create(command, caller), r -> r.id(), requests::findByIdOptional);
    }

    private ServiceRequest create(SubmitRequest command, Caller caller) {
        RequestCategory category = catalogue.forSubmission(command.type(), command.category());
        String attributes = toJson(category.acceptAttributes(command.attributes()));
        GridNodeSnapshot grid = command.gridNodeId() != null ? grids.require(command.gridNodeId(), "gridNodeId")
                : routeByLocation(command);
        boolean staff = !caller.hasRole(Roles.CITIZEN);
        if (command.gridNodeId() != null && staff) {
            // staff file tickets only where they work; a citizen may report a problem anywhere
            caller.requireStaffOver(grid.path(), "grid node " + grid.id());
        }
        grid = raiseToHandlingLevel(grid, category.handlingLevel());
        TicketDetails details = new TicketDetails(category.code(), attributes, command.photos(),
                Contact.given(command.contactName(), command.contactPhone(), staff), category.sla(),
                category.autoEscalate());
        Submission submission = new Submission(category.type(), command.channel(), command.title(),
                command.description(), new TicketLocation(command.latitude(), command.longitude(), command.address()),
                details, caller.subject());
        ServiceRequest request = ServiceRequest.submit(Ids.newId(), submission,
                grid == null ? null : new GridPlace(grid.id(), grid.path()), OffsetDateTime.now());
        requests.persist(request);
        events.submitted(request);
        return request;
    }

    /**
     * The node that answers for the category: the ticket's grid, or its nearest ancestor at the category's
     * handling level when the grid sits below it (a vaccination booking located in a grid is the community's).
     */
    private GridNodeSnapshot raiseToHandlingLevel(GridNodeSnapshot grid, HandlingLevel level) {
        GridNodeSnapshot node = grid;
        while (node != null && !atOrAbove(node, level) && node.parentId() != null) {
            node = grids.find(node.parentId()).orElse(null);
        }
        return node == null ? grid : node;
    }

    private static boolean atOrAbove(GridNodeSnapshot node, HandlingLevel level) {
        HandlingLevel own = HandlingLevel.ofNodeLevel(node.level());
        return own != null && own.atOrAbove(level);
    }

    private String toJson(Map<String, Object> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ticket attributes", e);
        }
    }

    /**
     * The deepest known grid whose boundary contains the reported coordinates, from the local read model fed by
     * grid events — no call to grid-service on the hot path. No coordinates, or no boundary: the community queue.
     */
    private GridNodeSnapshot routeByLocation(SubmitRequest command) {
        if (command.latitude() == null || command.longitude() == null) {
            return null;
        }
        return boundaries.locate(command.latitude(), command.longitude()).flatMap(grids::find).orElse(null);
    }

    /** Open tickets of the same category within {@code grid.requests.duplicate-radius} metres of this one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UUID> likelyDuplicates(ServiceRequest request) {
        TicketLocation location = request.location();
        if (!location.hasCoordinates()) {
            return List.of();
        }
        return duplicates.nearbyOpen(request.id(), request.type(), request.categoryCode(), location.latitude(),
                location.longitude(), duplicateRadiusMetres, 5);
    }

    /** 我也遇到: a citizen who meets the same problem adds weight to a ticket instead of a second ticket. */
    @Transactional
    public long meToo(UUID id, Caller caller) {
        ServiceRequest request = requests.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("request", id));
        if (!request.status().isOpen()) {
            throw DomainProblem.conflict("request " + id + " is " + request.status() + "; it takes no more me-toos");
        }
        duplicates.meToo(id, caller.subject());
        return duplicates.meTooCount(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long meTooCount(UUID id) {
        return duplicates.meTooCount(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ServiceRequest get(UUID id, Caller caller) {
        ServiceRequest request = requests.findByIdOptional(id)
                .orElseThrow(() -> DomainProblem.notFound("request", id));
        if (request.reportedBy(caller.subject())) {
            return request;
        }
        if (caller.isCitizenOnly()) {
            throw DomainProblem.forbidden("citizens see only their own requests");
        }
        if (!caller.covers(request.gridPath())) {
            throw DomainProblem.forbidden("request " + id + " lies outside what your registry grants reach");
        }
        return request;
    }

    /**
     * 微心愿 board: the accepted wishes a party member or volunteer may claim — those in the grids where they are
     * registered (居住地报到) or below them.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> wishBoard(PageRequest page, Caller caller, Function<ServiceRequest, T> view) {
        List<String> paths = assignments.heldBy(caller.subject(), calendar.today()).stream()
                .filter(a -> AssignmentSnapshot.PARTY_MEMBER.equals(a.role()) || "VOLUNTEER".equals(a.role()))
                .map(AssignmentSnapshot::nodePath).distinct().toList();
        return page.page(requests.openWishesUnder(paths, page.afterId(), page.limit() + 1), r -> r.id().toString(),
                view);
    }

    /** 督办 queue: the open tickets escalated to {@code nodeId}, for staff whose scope covers that node. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> escalatedTo(UUID nodeId, PageRequest page, Caller caller,
            Function<ServiceRequest, T> view) {
        GridNodeSnapshot node = grids.require(nodeId, "nodeId");
        caller.requireStaffOver(node.path(), "grid node " + nodeId);
        return page.page(requests.escalatedTo(nodeId, page.afterId(), page.limit() + 1), r -> r.id().toString(), view);
    }

    /**
     * A citizen's own tickets, or (staff) the tickets routed into the subtree of {@code gridNodeId}, narrowed by
     * {@code criteria} and in its sort order. Who may see what is decided here, as for a single ticket; the
     * filters only narrow it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> list(UUID gridNodeId, TicketListCriteria criteria, PageRequest page, Caller caller,
            Function<ServiceRequest, T> view) {
        TicketSort sort = TicketSort.parse(criteria.sort());
        TicketSort.Position after = sort.parsePosition(page);
        TicketFilter filter = ticketFilters.resolve(criteria, caller);
        TicketScope scope;
        if (gridNodeId == null) {
            scope = reachOf(caller);
        } else {
            GridNodeSnapshot grid = grids.require(gridNodeId, "gridNodeId");
            caller.requireScope(grid.path(), "grid node " + gridNodeId);
            scope = new TicketScope.Subtree(grid.path(), grids.isLeaf(grid));
        }
        return page.page(requests.page(scope, filter, sort, after, page.limit() + 1), sort::position, view);
    }

    /**
     * What a list without a node covers: a citizen's own tickets; for staff also every ticket a single GET would
     * show them — the subtrees their registry grants reach (as {@link Caller#covers}), all for a district-wide
     * caller, narrowed by a {@code grid_scope} claim.
     */
    private TicketScope reachOf(Caller caller) {
        if (caller.isCitizenOnly()) {
            return new TicketScope.ReportedBy(caller.subject());
        }
        if (caller.covers(null)) {
            return new TicketScope.Everything();
        }
        List<String> paths = new java.util.ArrayList<>(caller.reach(false));
        if (caller.isDistrictWide() && caller.gridScope() != null) {
            // a district-wide login whose token names a node: that node's subtree
            try {
                grids.find(UUID.fromString(caller.gridScope())).ifPresent(node -> paths.add(node.path()));
            } catch (IllegalArgumentException notANodeId) {
                // a claim that names no node narrows to nothing: the caller's own tickets
            }
        }
        return new TicketScope.Reach(caller.subject(), paths);
    }
}
