package cn.grid.study.app;

import cn.grid.platform.gridview.GridNodeSnapshot;
import cn.grid.platform.gridview.GridNodeViews;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.study.domain.StudySession;
import cn.grid.study.messaging.StudyEventPublisher;
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

    public StudySessionService(StudySessionRepository sessions, GridNodeViews grids, StudyEventPublisher events) {
        this.sessions = sessions;
        this.grids = grids;
        this.events = events;
    }

    @Transactional
    public StudySession record(RecordSession command, Caller caller) {
        GridNodeSnapshot grid = grids.require(command.gridNodeId(), "gridNodeId");
        caller.requireScope(grid.path(), "grid node " + grid.id());
        StudySession session = StudySession.record(Ids.newId(), command.kind(), command.title(), grid.id(),
                grid.path(), command.startsAt(), command.durationMinutes(), command.place(), command.speaker(),
                caller.subject(), OffsetDateTime.now());
        sessions.persist(session);
        events.sessionRecorded(session);
        return session;
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
