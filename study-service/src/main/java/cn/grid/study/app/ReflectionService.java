package cn.grid.study.app;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.study.domain.OrgMember;
import cn.grid.study.domain.PartyOrg;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.Reflection;
import cn.grid.study.messaging.CatalogueEventPublisher;
import cn.grid.study.persistence.ReflectionRepository;
import cn.grid.study.persistence.StudySessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * 观后感/心得: members write reflections on sessions and materials; administrators over the member's
 * organisation approve them or return them with a note; a returned one is revised and resubmitted.
 */
@ApplicationScoped
public class ReflectionService {

    private final ReflectionRepository reflections;
    private final StudySessionRepository sessions;
    private final MaterialService materials;
    private final OrgAccess access;
    private final CatalogueEventPublisher events;
    private final PointsLedgerService ledger;

    public ReflectionService(ReflectionRepository reflections, StudySessionRepository sessions,
            MaterialService materials, OrgAccess access, CatalogueEventPublisher events, PointsLedgerService ledger) {
        this.ledger = ledger;
        this.reflections = reflections;
        this.sessions = sessions;
        this.materials = materials;
        this.access = access;
        this.events = events;
    }

    @Transactional
    public Reflection submit(SubmitReflection command, Caller caller) {
        if (!caller.hasRole(Roles.PARTY_MEMBER)) {
            throw DomainProblem.forbidden("reflections are written by party members");
        }
        OrgMember member = memberOf(command.orgId(), caller);
        if (command.sessionId() != null && sessions.findByIdOptional(command.sessionId()).isEmpty()) {
            throw DomainProblem.invalid("sessionId", "session " + command.sessionId() + " does not exist");
        }
        if (command.materialId() != null) {
            materials.requireReferenced(command.materialId(), "materialId");
        }
        Reflection reflection = Reflection.submit(Ids.newId(), command.sessionId(), command.materialId(), member,
                command.text(), OffsetDateTime.now());
        if (reflections.exists(command.sessionId(), command.materialId(), caller.subject())) {
            throw DomainProblem.conflict("you already wrote a reflection on this "
                    + (command.sessionId() != null ? "session" : "material") + "; revise that one when it is returned");
        }
        reflections.persist(reflection);
        events.reflectionSubmitted(reflection);
        return reflection;
    }

    /** The author, and administrators over the author's organisation, read a reflection. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Reflection get(UUID id, Caller caller) {
        Reflection reflection = require(id);
        if (!reflection.isAuthor(caller.subject()) && !access.isAdminOver(access.get(reflection.orgId()), caller)) {
            throw DomainProblem.forbidden("reflection " + id + " is neither yours nor in your scope");
        }
        return reflection;
    }

    @Transactional
    public Reflection approve(UUID id, long version, String note, Caller caller) {
        Reflection approved = review(id, version, "approve", caller,
                r -> r.approve(caller.subject(), note, OffsetDateTime.now()));
        ledger.credit(approved.memberSubject(), PointsActivity.REFLECTION, id.toString(), "观后感/心得通过审核");
        return approved;
    }

    @Transactional
    public Reflection giveBack(UUID id, long version, String note, Caller caller) {
        return review(id, version, "return", caller, r -> r.giveBack(caller.subject(), note, OffsetDateTime.now()));
    }

    @Transactional
    public Reflection resubmit(UUID id, long version, String text, Caller caller) {
        Reflection reflection = require(id);
        IfMatch.check(version, reflection.version(), "reflection " + id);
        if (!reflection.isAuthor(caller.subject())) {
            throw DomainProblem.forbidden("only the author resubmits reflection " + id);
        }
        reflection.resubmit(text, OffsetDateTime.now());
        reflections.flush();
        events.reflectionSubmitted(reflection);
        return reflection;
    }

    /**
     * Narrowed by organisation subtree, session, material or member. Members see only their own; administrators
     * what lies in their grid scope.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> list(UUID orgId, UUID sessionId, UUID materialId, String memberSubject,
            PageRequest page, Caller caller, Function<Reflection, T> view) {
        boolean admin = OrgAccess.isAdmin(caller);
        String orgPath = null;
        String gridPath = null;
        String member = memberSubject;
        if (orgId != null) {
            PartyOrg org = access.get(orgId);
            if (admin) {
                access.requireAdminOver(org, caller);
                gridPath = org.gridPath();
            }
            orgPath = org.orgPath();
        }
        if (!admin) {
            if (memberSubject != null && !memberSubject.equals(caller.subject())) {
                throw DomainProblem.forbidden("members read their own reflections");
            }
            member = caller.subject();
        } else if (gridPath == null) {
            gridPath = access.scopePath(caller);
        }
        List<Reflection> rows = reflections.list(new ReflectionRepository.Filter(orgPath, gridPath, sessionId,
                materialId, member), page.afterId(), page.limit() + 1);
        return page.page(rows, r -> r.id().toString(), view);
    }

    private Reflection review(UUID id, long version, String verb, Caller caller, Consumer<Reflection> change) {
        Reflection reflection = require(id);
        IfMatch.check(version, reflection.version(), "reflection " + id);
        // the state speaks first: reviewing what is not waiting for review is a 409 naming the state, whoever asks
        reflection.requireSubmitted(verb);
        access.requireAdminOver(access.get(reflection.orgId()), caller);
        change.accept(reflection);
        reflections.flush();
        events.reflectionReviewed(reflection);
        return reflection;
    }

    private OrgMember memberOf(UUID orgId, Caller caller) {
        List<OrgMember> memberships = access.membershipsOf(caller.subject());
        if (orgId != null) {
            return memberships.stream().filter(m -> m.orgId().equals(orgId)).findFirst().orElseThrow(() ->
                    DomainProblem.forbidden("you are not a member of party organisation " + orgId));
        }
        if (memberships.isEmpty()) {
            throw DomainProblem.forbidden("you are not a member of any party organisation known here");
        }
        if (memberships.size() > 1) {
            throw DomainProblem.invalid("orgId", "you belong to several party organisations; name the one this "
                    + "reflection is for");
        }
        return memberships.get(0);
    }

    private Reflection require(UUID id) {
        return reflections.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("reflection", id));
    }
}
