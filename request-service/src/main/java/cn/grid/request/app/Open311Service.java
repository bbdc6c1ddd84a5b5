package cn.grid.request.app;

import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.readmodel.grid.GridNodeSnapshot;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.request.domain.Open311Key;
import cn.grid.request.domain.RequestCategory;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.ServiceRequest;
import cn.grid.request.persistence.Open311RequestRepository.Visible;
import cn.grid.request.persistence.Open311RequestRepository;
import cn.grid.request.persistence.ServiceRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The use cases behind the Open311 GeoReport v2 face: the same tickets as the JSON API, submitted and read by
 * an integrator's api key or a citizen's token. Submission goes through {@link ServiceRequestService#submit}
 * (routing, catalogue checks, idempotency, the submitted event), so Open311 tickets are ordinary tickets.
 */
@ApplicationScoped
public class Open311Service {

    /** GeoReport v2 knows two states; these of ours are "closed", every other one is "open". */
    public static final Set<RequestStatus> CLOSED = Set.copyOf(EnumSet.of(RequestStatus.REJECTED,
            RequestStatus.RESOLVED, RequestStatus.CLOSED, RequestStatus.WITHDRAWN));

    /** The spec's window: "may not span more than 90 days", and 90 days back by default. */
    public static final Duration MAX_WINDOW = Duration.ofDays(90);

    /** Who asks: an api key (then {@code caller} is the citizen it acts as) or a bearer token's caller. */
    public record Client(Caller caller, Open311Key key) {

        public static Client of(Open311Key key) {
            return new Client(Open311KeyService.callerOf(key), key);
        }

        public static Client of(Caller caller) {
            return new Client(caller, null);
        }
    }

    /** A ticket with what its Open311 view needs besides: its category and who answers for it. */
    public record Ticket(ServiceRequest request, RequestCategory category, String agency) {
    }

    /** GET requests.json: {@code ids} override every other filter (GeoReport v2); null = not given. */
    public record Query(List<UUID> ids, String serviceCode, OffsetDateTime start, OffsetDateTime end,
            Set<RequestStatus> statuses, int limit) {
    }

    private final ServiceRequestService requests;
    private final ServiceRequestRepository requestRepository;
    private final Open311RequestRepository open311Requests;
    private final CategoryCatalogueService catalogue;
    private final GridNodeViews grids;

    public Open311Service(ServiceRequestService requests, ServiceRequestRepository requestRepository,
            Open311RequestRepository open311Requests, CategoryCatalogueService catalogue, GridNodeViews grids) {
        this.requests = requests;
        this.requestRepository = requestRepository;
        this.open311Requests = open311Requests;
        this.catalogue = catalogue;
        this.grids = grids;
    }

    public static String open311Status(RequestStatus status) {
        return CLOSED.contains(status) ? "closed" : "open";
    }

    /** The statuses of ours that an Open311 status ("open" or "closed") stands for. */
    public static Set<RequestStatus> statusesOf(String open311Status) {
        return switch (open311Status) {
            case "closed" -> CLOSED;
            case "open" -> Set.copyOf(EnumSet.complementOf(EnumSet.copyOf(CLOSED)));
            default -> throw DomainProblem.invalid("status", "'" + open311Status + "' is neither open nor closed");
        };
    }

    /** An active service (category) of the catalogue, or a 404: inactive ones are not offered to Open311. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RequestCategory service(String serviceCode) {
        return activeService(serviceCode)
                .orElseThrow(() -> DomainProblem.notFound("service_code", serviceCode));
    }

    /**
     * Files a ticket. With an api key the ticket records the key (its integrator reads it back by it); with a
     * token only citizens file here — staff file for citizens through the JSON API, inside their scope.
     */
    @Transactional
    public IdempotencyKeys.Outcome<Ticket> submit(SubmitRequest command, Client client, String idempotencyKey) {
        RequestCategory category = activeService(command.category())
                .orElseThrow(() -> DomainProblem.invalid("service_code", "no service " + command.category()
                        + " (GET /open311/v2/services.json lists them)"));
        if (client.key() == null && !client.caller().hasRole(Roles.CITIZEN)) {
            throw DomainProblem.forbidden("Open311 takes submissions with an api_key or a citizen's token; staff "
                    + "file tickets through /api/v1/requests");
        }
        IdempotencyKeys.Outcome<ServiceRequest> outcome = requests.submit(command, client.caller(), idempotencyKey);
        ServiceRequest request = outcome.value();
        if (client.key() != null && !outcome.replayed()) {
            open311Requests.recordApiKey(request.id(), client.key().id());
        }
        return new IdempotencyKeys.Outcome<>(new Ticket(request, category, agencyOf(request, new HashMap<>())),
                outcome.replayed());
    }

    /** One ticket: an api key reads what it filed; a token reads as in the JSON API (own, or in scope). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Ticket get(UUID id, Client client) {
        ServiceRequest request;
        if (client.key() != null) {
            request = requestRepository.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("request", id));
            if (!client.key().id().equals(request.open311KeyId())) {
                throw DomainProblem.forbidden("request " + id + " was not filed with this api_key");
            }
        } else {
            request = requests.get(id, client.caller());
        }
        return enrich(List.of(request)).get(0);
    }

    /** GET requests.json, newest first, within what the client may see. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Ticket> search(Query query, Client client) {
        OffsetDateTime start = query.start();
        OffsetDateTime end = query.end();
        if (query.ids() == null) {
            if (start == null && end == null) {
                end = OffsetDateTime.now();
            }
            if (start == null) {
                start = end.minus(MAX_WINDOW);
            } else if (end == null) {
                end = start.plus(MAX_WINDOW);
            }
            if (start.isAfter(end)) {
                throw DomainProblem.invalid("start_date", "is after end_date");
            }
            if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
                throw DomainProblem.invalid("end_date", "the window from start_date spans at most 90 days");
            }
        }
        List<ServiceRequest> found = open311Requests.search(new Open311RequestRepository.Search(visibleTo(client),
                query.ids(), query.serviceCode(), start, end, query.statuses(), query.limit()));
        return enrich(found);
    }

    /**
     * What a client may list, as get() decides for one ticket: an api key its own filings, a citizen their own
     * tickets, staff the subtree their token is bound to (unbound: everything for district administrators and
     * services, otherwise their own reports).
     */
    private Visible visibleTo(Client client) {
        if (client.key() != null) {
            return Visible.filedWith(client.key().id());
        }
        Caller caller = client.caller();
        if (caller.isCitizenOnly()) {
            return Visible.reportedBy(caller.subject());
        }
        if (caller.covers(null)) {
            return Visible.everything();
        }
        if (caller.gridScope() != null) {
            Optional<GridNodeSnapshot> scope = scopeNode(caller.gridScope()).filter(n -> caller.staffOver(n.path()));
            if (scope.isPresent()) {
                return Visible.inSubtree(scope.get().path());
            }
        }
        // Open311's list takes one subtree: the widest place where the registry makes the caller staff
        List<String> reach = caller.reach(true);
        return reach.isEmpty() ? Visible.reportedBy(caller.subject()) : Visible.inSubtree(reach.get(0));
    }

    private Optional<GridNodeSnapshot> scopeNode(String gridScope) {
        try {
            return grids.find(UUID.fromString(gridScope));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One active category by its code (a lookup by key, not a scan of the catalogue on every submission). */
    private Optional<RequestCategory> activeService(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return catalogue.find(code).filter(RequestCategory::active);
    }

    private List<Ticket> enrich(List<ServiceRequest> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, RequestCategory> categories = catalogue.list(true).stream()
                .collect(Collectors.toMap(RequestCategory::code, Function.identity()));
        Map<UUID, String> gridNames = new HashMap<>();
        return found.stream()
                .map(r -> new Ticket(r, categories.get(r.categoryCode()), agencyOf(r, gridNames)))
                .toList();
    }

    /** Whom the ticket was dispatched to, else the grid it was routed to, else nobody yet (community queue). */
    private String agencyOf(ServiceRequest request, Map<UUID, String> gridNames) {
        String dispatchedTo = request.dispatch().targetName();
        if (dispatchedTo != null && !dispatchedTo.isBlank()) {
            return dispatchedTo;
        }
        if (request.gridNodeId() == null) {
            return null;
        }
        return gridNames.computeIfAbsent(request.gridNodeId(),
                id -> grids.find(id).map(GridNodeSnapshot::name).orElse(null));
    }
}
