package cn.grid.study.app;

import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.readmodel.grid.GridNodeSnapshot;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.StudySession;
import cn.grid.study.messaging.StudyEventPublisher;
import cn.grid.study.persistence.MaterialRepository;
import cn.grid.study.persistence.PartyOrgDirectory;
import cn.grid.study.persistence.StudySessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;

/** Use cases of study sessions. Each public method is one transaction; scope checks happen here. */
@ApplicationScoped
public class StudySessionService {

    private final StudySessionRepository sessions;
    private final GridNodeViews grids;
    private final StudyEventPublisher events;
    private final PartyOrgDirectory orgs;
    private final MaterialRepository materials;
    private final PointsLedgerService ledger;
    private final IdempotencyKeys idempotencyKeys;

    public StudySessionService(StudySessionRepository sessions, GridNodeViews grids, StudyEventPublisher events,
            PartyOrgDirectory orgs, MaterialRepository materials, PointsLedgerService ledger,
            IdempotencyKeys idempotencyKeys) {
        this.orgs = orgs;
        this.materials = materials;
        this.ledger = ledger;
        this.idempotencyKeys = idempotencyKeys;
        this.sessions = sessions;
        this.grids = grids;
        this.events = events;
    }

    /**
     * Records a session; with an {@code idempotencyKey}, a retry of the same recording returns the session the
     * first one recorded instead of a second session — no second event, no second LECTURE credit.
     */
    @Transactional
    public IdempotencyKeys.Outcome<StudySession> record(RecordSession command, Caller caller,
            String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/study/sessions", caller, idempotencyKey,
                command, () -> create(command, caller), s -> s.id(), sessions::findByIdOptional);
    }

    /** Records a session (each call another one): for use cases that record one as part of their own work. */
    @Transactional
    public StudySession record(RecordSession command, Caller caller) {
        return create(command, caller);
    }

    private StudySession create(RecordSession command, Caller caller) {
        GridNodeSnapshot grid = grids.require(command.gridNodeId(), "gridNodeId");
        caller.requireStaffOver(grid.path(), "grid node " + grid.id());
        StudySession session = StudySession.record(Ids.newId(), command.kind(), command.title(), grid.id(),
                grid.path(), command.startsAt(), command.durationMinutes(), command.place(), command.speaker(),
                caller.subject(), OffsetDateTime.now());
        if (command.orgId() != null) {
            orgs.find(command.orgId()).orElseThrow(() -> DomainProblem.invalid("orgId",
                    "party organisation " + command.orgId() + " is not known from grid events"));
        }
        for (UUID material : command.materialIds()) {
            if (materials.findByIdOptional(material).isEmpty()) {
                throw DomainProblem.invalid("materialIds", "no material " + material + " in the catalogue");
            }
        }
        session.describe(command.orgId(), blankToNull(command.speakerSubject()), command.nonMemberAudience());
        sessions.persist(session);
        sessions.flush();
        sessions.useMaterials(session.id(), command.materialIds());
        if (session.speakerSubject() != null) {
            // 人人上讲台: whoever lectured earns LECTURE points for the session, once
            ledger.credit(session.speakerSubject(), PointsActivity.LECTURE, session.id().toString(),
                    "主讲《" + session.title() + "》");
        }
        events.sessionRecorded(session);
        return session;
    }

    /** The materials a session used, in catalogue order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.List<UUID> materialsOf(UUID sessionId) {
        return sessions.materialsOf(sessionId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StudySession get(UUID id, Caller caller) {
        StudySession session = sessions.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("session", id));
        caller.requireScope(session.gridPath(), "session " + id);
        return session;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> list(UUID gridNodeId, PageRequest page, Caller caller, Function<StudySession, T> view) {
        GridNodeSnapshot grid = grids.get(gridNodeId, caller);
        return page.page(sessions.inSubtree(grid.path(), page.afterId(), page.limit() + 1), s -> s.id().toString(),
                view);
    }
}
