package cn.grid.request.app;

import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Grant;
import cn.grid.platform.work.WorkItem;
import cn.grid.platform.work.WorkList;
import cn.grid.readmodel.grid.GridNodeSnapshot;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.request.persistence.RegistryPeople;
import cn.grid.request.persistence.WorkListRepository.Kind;
import cn.grid.request.persistence.WorkListRepository.KindPage;
import cn.grid.request.persistence.WorkListRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * request-service's part of a person's work list ({@code GET /api/v1/requests/me/work}). "Me", "my teams" and "my
 * grids" are the caller's person and grants as the platform's rights core resolved them from the registry read
 * models: the grids where they are grid head, worker or specialist, or administer a party organisation; a district
 * administrator or service account covers every grid. A token's grid_scope only narrows.
 */
@ApplicationScoped
public class MyWorkService {

    public static final String DISPATCHED_TO_ME = "TICKET_DISPATCHED_TO_ME";
    public static final String DISPATCHED_TO_MY_TEAM = "TICKET_DISPATCHED_TO_MY_TEAM";
    public static final String AWAITING_ACCEPTANCE = "TICKET_AWAITING_ACCEPTANCE";
    public static final String AWAITING_SIGNING = "TICKET_AWAITING_SIGNING";
    public static final String OVERDUE = "TICKET_OVERDUE";
    public static final String WISH_CLAIMABLE = "WISH_CLAIMABLE";
    /** How many items of each kind are listed; the counts are always whole. */
    public static final int ITEMS_PER_KIND = 20;

    /** Open and someone's to work on: what "taken by me" and "overdue" look at. */
    private static final String OPEN = "('SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'SIGNED', 'RETURNED', 'IN_PROGRESS', "
            + "'REOPENED')";

    private final WorkListRepository work;
    private final GridNodeViews grids;

    public MyWorkService(WorkListRepository work, GridNodeViews grids) {
        this.work = work;
        this.grids = grids;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WorkList of(Caller caller) {
        // the rights core resolved the caller's person and current grants from the read models (cached per login)
        UUID personId = caller.personId() == null ? null : UUID.fromString(caller.personId());
        Set<UUID> teams = new LinkedHashSet<>();
        Set<String> claimPaths = new LinkedHashSet<>();
        for (Grant grant : caller.grants()) {
            if (grant.kind() == Grant.Kind.TEAM && grant.teamId() != null) {
                teams.add(UUID.fromString(grant.teamId()));
            }
            if (grant.kind() == Grant.Kind.ASSIGNMENT && RegistryPeople.CLAIMING_ASSIGNMENTS.contains(grant.role())) {
                claimPaths.add(grant.nodePath());
            }
        }
        Set<String> staffPaths = narrowed(staffPaths(caller), caller);
        claimPaths = narrowed(claimPaths, caller);

        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put(DISPATCHED_TO_ME, dispatchedToMe(caller.subject(), personId));
        kinds.put(DISPATCHED_TO_MY_TEAM, dispatchedToTeams(teams));
        Map<String, Object> accept = WorkListRepository.params();
        kinds.put(AWAITING_ACCEPTANCE, new Kind("status = 'SUBMITTED' and "
                + WorkListRepository.inSubtrees(staffPaths, "p", accept), "respond_due_at", accept));
        Map<String, Object> sign = WorkListRepository.params();
        kinds.put(AWAITING_SIGNING, new Kind("status = 'DISPATCHED' and "
                + WorkListRepository.inSubtrees(staffPaths, "p", sign), "sign_due_at", sign));
        Map<String, Object> overdue = WorkListRepository.params();
        overdue.put("subject", caller.subject());
        kinds.put(OVERDUE, new Kind("(respond_overdue or sign_overdue or resolve_overdue) and status in " + OPEN
                + " and (" + WorkListRepository.inSubtrees(staffPaths, "p", overdue) + " or assignee = :subject)",
                "least(case when respond_overdue then respond_due_at end, case when sign_overdue then sign_due_at end,"
                        + " case when resolve_overdue then resolve_due_at end)", overdue));
        Map<String, Object> wishes = WorkListRepository.params();
        kinds.put(WISH_CLAIMABLE, new Kind("type = 'MICRO_WISH' and status = 'ACCEPTED' and "
                + WorkListRepository.inSubtrees(claimPaths, "p", wishes), "resolve_due_at", wishes));

        List<WorkItem> items = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean truncated = false;
        for (Map.Entry<String, Kind> kind : kinds.entrySet()) {
            KindPage page = work.page(kind.getValue(), ITEMS_PER_KIND);
            counts.put(kind.getKey(), page.count());
            truncated |= page.count() > page.tickets().size();
            page.tickets().forEach(t -> items.add(new WorkItem(kind.getKey(), t.id().toString(), t.title(),
                    t.gridNodeId() == null ? null : t.gridNodeId().toString(), t.status(), t.dueAt(),
                    "/api/v1/requests/" + t.id())));
        }
        items.sort(Comparator.comparing(WorkItem::dueAt, Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder()))
                .thenComparing(WorkItem::kind).thenComparing(WorkItem::id));
        return new WorkList(items, counts, truncated);
    }

    /**
     * Dispatched to my person and not yet signed, dispatched before issue 18 to my login, or taken by me and still
     * being handled.
     */
    private static Kind dispatchedToMe(String subject, UUID personId) {
        Map<String, Object> params = WorkListRepository.params();
        params.put("subject", subject);
        String mine = "dispatch_target_type = 'PERSON' and dispatch_person_id is null and dispatch_target_id = :subject";
        if (personId != null) {
            params.put("person", personId);
            mine = "dispatch_person_id = :person or " + mine;
        }
        return new Kind("(status = 'DISPATCHED' and (" + mine + ") or assignee = :subject and status in ('SIGNED', "
                + "'IN_PROGRESS', 'REOPENED'))",
                "case when status = 'DISPATCHED' then sign_due_at else resolve_due_at end", params);
    }

    private static Kind dispatchedToTeams(Set<UUID> teams) {
        Map<String, Object> params = WorkListRepository.params();
        if (teams.isEmpty()) {
            return new Kind("false", "sign_due_at", params);
        }
        params.put("teams", List.copyOf(teams));
        return new Kind("status = 'DISPATCHED' and dispatch_team_id in (:teams)", "sign_due_at", params);
    }

    /** The grids the caller is staff of: null = all of them (district administrators, service accounts). */
    private static Set<String> staffPaths(Caller caller) {
        if (caller.isDistrictWide()) {
            return null;
        }
        Set<String> paths = new LinkedHashSet<>();
        caller.grants().stream().filter(Grant::isStaff).map(Grant::nodePath).forEach(paths::add);
        return paths;
    }

    /**
     * A token's grid_scope narrows what the registry grants: a grid inside the scope stays, a grid above the scope
     * shrinks to it, any other goes.
     */
    private Set<String> narrowed(Set<String> paths, Caller caller) {
        if (caller.gridScope() == null) {
            return paths;
        }
        Optional<GridNodeSnapshot> scope;
        try {
            scope = grids.find(UUID.fromString(caller.gridScope()));
        } catch (IllegalArgumentException e) {
            scope = Optional.empty();
        }
        if (scope.isEmpty()) {
            return Set.of();
        }
        String scopePath = scope.get().path();
        if (paths == null) {
            return Set.of(scopePath);
        }
        Set<String> narrowed = new LinkedHashSet<>();
        for (String path : paths) {
            if (path.startsWith(scopePath)) {
                narrowed.add(path);
            } else if (scopePath.startsWith(path)) {
                narrowed.add(scopePath);
            }
        }
        return narrowed;
    }
}
