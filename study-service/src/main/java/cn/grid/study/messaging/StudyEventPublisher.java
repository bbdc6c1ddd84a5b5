package cn.grid.study.messaging;

import cn.grid.platform.events.StudySessionRecordedV1;
import cn.grid.platform.events.StudyPointsAwardedV1;
import cn.grid.platform.outbox.OutboxWriter;
import cn.grid.study.domain.PointsEntry;
import cn.grid.study.domain.StudySession;
import jakarta.enterprise.context.ApplicationScoped;

/** Announces study records on {@code study.events}, through the outbox of the calling transaction. */
@ApplicationScoped
public class StudyEventPublisher {

    private final OutboxWriter outbox;

    public StudyEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void pointsAwarded(PointsEntry e, long balance) {
        outbox.append(new StudyPointsAwardedV1(e.id().toString(), e.personId() == null ? null : e.personId().toString(),
                e.subject(), e.activity().name(), e.points(), e.sourceId(), e.reason(),
                e.reverses() == null ? null : e.reverses().toString(), balance, e.at()));
    }

    public void sessionRecorded(StudySession session) {
        outbox.append(new StudySessionRecordedV1(session.id().toString(), session.kind().name(), session.title(),
                session.gridNodeId().toString(), session.startsAt()));
    }
}
