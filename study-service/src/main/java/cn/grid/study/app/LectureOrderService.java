package cn.grid.study.app;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.study.domain.LectureOrder;
import cn.grid.study.domain.LectureOrderCount;
import cn.grid.study.domain.PartyOrg;
import cn.grid.study.domain.SessionKind;
import cn.grid.study.domain.StudyMaterial;
import cn.grid.study.domain.StudySession;
import cn.grid.study.messaging.CatalogueEventPublisher;
import cn.grid.study.persistence.LectureOrderRepository;
import cn.grid.study.persistence.MaterialRepository;
import cn.grid.study.persistence.MemberDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * 点单式微党课: branches order offered micro-lectures; the speaker accepts (the lecture becomes a scheduled
 * study session of the branch's grid) or declines.
 */
@ApplicationScoped
public class LectureOrderService {

    /** Orders counted for an organisation's subtree (or the whole district), with the lectures on offer. */
    public record Stats(UUID orgId, long lecturesOffered, long ordered, long accepted, long declined, long pending,
            List<LectureOrderCount> byMaterial) {
    }

    private final LectureOrderRepository orders;
    private final MaterialRepository materials;
    private final MaterialService catalogue;
    private final StudySessionService sessions;
    private final OrgAccess access;
    private final CatalogueEventPublisher events;
    private final IdempotencyKeys idempotencyKeys;
    private final MemberDirectory members;

    public LectureOrderService(LectureOrderRepository orders, MaterialRepository materials,
            MaterialService catalogue, StudySessionService sessions, OrgAccess access,
            CatalogueEventPublisher events, IdempotencyKeys idempotencyKeys, MemberDirectory members) {
        this.orders = orders;
        this.materials = materials;
        this.catalogue = catalogue;
        this.sessions = sessions;
        this.access = access;
        this.events = events;
        this.idempotencyKeys = idempotencyKeys;
        this.members = members;
    }

    /**
     * Places an order; with an {@code idempotencyKey}, a retry of the same order returns the order the first one
     * placed instead of a second order.
     */
    @Transactional
    public IdempotencyKeys.Outcome<LectureOrder> place(PlaceLectureOrder command, Caller caller,
            String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/study/lecture-orders", caller, idempotencyKey,
                command, () -> create(command, caller), o -> o.id(), orders::findByIdOptional);
    }

    private LectureOrder create(PlaceLectureOrder command, Caller caller) {
        StudyMaterial lecture = catalogue.requireReferenced(command.materialId(), "materialId");
        PartyOrg org = access.require(command.orgId(), "orgId");
        access.requireAdminOver(org, caller);
        LectureOrder order = LectureOrder.place(Ids.newId(), lecture, org.id(), command.wantedAt(), command.place(),
                caller.subject(), OffsetDateTime.now());
        orders.persist(order);
        // whoever tells the speaker reads study.events; the speaker's person (if grid events named one) saves a lookup
        events.lectureOrderPlaced(order, lecture, org.gridNodeId(),
                members.personOf(order.speakerSubject()).orElse(null));
        return order;
    }

    /** The ordering branch's administrators and the speaker see an order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LectureOrder get(UUID id, Caller caller) {
        LectureOrder order = require(id);
        if (!order.isSpeaker(caller.subject()) && !access.isAdminOver(access.get(order.orgId()), caller)) {
            throw DomainProblem.forbidden("lecture order " + id + " is neither yours to give nor your branch's");
        }
        return order;
    }

    /**
     * The speaker accepts: the lecture becomes a MICRO_LECTURE session of the branch's grid, recorded through
     * the sessions use case in this same transaction (order and session commit together).
     */
    @Transactional
    public LectureOrder accept(UUID id, long version, Caller caller) {
        LectureOrder order = require(id);
        IfMatch.check(version, order.version(), "lecture order " + id);
        order.require("accept");
        requireSpeaker(order, caller);
        StudyMaterial lecture = materials.findByIdOptional(order.materialId()).orElseThrow();
        PartyOrg org = access.get(order.orgId());
        if (!org.active()) {
            throw DomainProblem.conflict("party organisation " + org.id() + " is " + org.status());
        }
        // The branch's administrator was checked against the grid when ordering; the speaker lectures away
        // from home (巡讲) and their token need not cover that grid, so the session is recorded on the order's
        // authority, in the speaker's name.
        Caller onOrdersAuthority = new Caller(caller.subject(), Set.of(Roles.SERVICE), null);
        StudySession session = sessions.record(new RecordSession(SessionKind.MICRO_LECTURE, lecture.title(),
                org.gridNodeId(), order.wantedAt(), lecture.durationMinutes(), order.place(), lecture.author(),
                org.id(), caller.subject(), List.of(lecture.id()), null), onOrdersAuthority);
        order.accept(session.id(), OffsetDateTime.now());
        orders.flush();
        events.lectureOrderAccepted(order, lecture, org.gridNodeId());
        return order;
    }

    @Transactional
    public LectureOrder decline(UUID id, long version, String reason, Caller caller) {
        LectureOrder order = require(id);
        IfMatch.check(version, order.version(), "lecture order " + id);
        order.require("decline");
        requireSpeaker(order, caller);
        order.decline(reason, OffsetDateTime.now());
        orders.flush();
        StudyMaterial lecture = materials.findByIdOptional(order.materialId()).orElseThrow();
        events.lectureOrderDeclined(order, lecture, access.get(order.orgId()).gridNodeId());
        return order;
    }

    /** With an organisation: the orders its subtree placed (administrators). Without: those made to the caller. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> list(UUID orgId, PageRequest page, Caller caller, Function<LectureOrder, T> view) {
        List<LectureOrder> rows;
        if (orgId == null) {
            rows = orders.bySpeaker(caller.subject(), page.afterId(), page.limit() + 1);
        } else {
            PartyOrg org = access.get(orgId);
            access.requireAdminOver(org, caller);
            rows = orders.byOrgSubtree(org.orgPath(), org.gridPath(), page.afterId(), page.limit() + 1);
        }
        return page.page(rows, o -> o.id().toString(), view);
    }

    /** Counts for an organisation's subtree; without one, the whole district (unbound administrators). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Stats stats(UUID orgId, Caller caller) {
        List<LectureOrderCount> counts;
        if (orgId == null) {
            if (!caller.hasRole(Roles.DISTRICT_ADMIN) || !caller.covers(null)) {
                throw DomainProblem.forbidden("counts over every organisation are for an unbound district "
                        + "administrator; name your orgId");
            }
            counts = orders.countsByMaterial(null, null);
        } else {
            PartyOrg org = access.get(orgId);
            access.requireAdminOver(org, caller);
            counts = orders.countsByMaterial(org.orgPath(), org.gridPath());
        }
        return new Stats(orgId, materials.countOffered(),
                counts.stream().mapToLong(LectureOrderCount::ordered).sum(),
                counts.stream().mapToLong(LectureOrderCount::accepted).sum(),
                counts.stream().mapToLong(LectureOrderCount::declined).sum(),
                counts.stream().mapToLong(LectureOrderCount::pending).sum(), counts);
    }

    private static void requireSpeaker(LectureOrder order, Caller caller) {
        if (!order.isSpeaker(caller.subject())) {
            throw DomainProblem.forbidden("only the speaker of lecture order " + order.id() + " answers it");
        }
    }

    private LectureOrder require(UUID id) {
        return orders.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("lecture order", id));
    }
}
