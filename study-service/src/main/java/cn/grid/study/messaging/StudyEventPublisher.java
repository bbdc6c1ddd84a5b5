package cn.grid.study.messaging;

import cn.grid.contracts.events.study.StudyAttendanceRecordedV1;
import cn.grid.contracts.events.study.StudyMonthClosedV1;
import cn.grid.contracts.events.study.StudyPointsAwardedV1;
import cn.grid.contracts.events.study.StudySessionRecordedV1;
import cn.grid.platform.outbox.OutboxWriter;
import cn.grid.study.domain.Attendance;
import cn.grid.study.domain.AttendanceStatus;
import cn.grid.study.domain.ComplianceReport;
import cn.grid.study.domain.PointsEntry;
import cn.grid.study.domain.StudySession;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/** Announces study records on {@code study.events}, through the outbox of the calling transaction. */
@ApplicationScoped
public class StudyEventPublisher {

    private final OutboxWriter outbox;

    public StudyEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** One points.awarded per entry, in order, written to the outbox in one statement. */
    public void pointsAwarded(List<PointsEntry> entries, long[] balances) {
        List<StudyPointsAwardedV1> awarded = new java.util.ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            awarded.add(awarded(entries.get(i), balances[i]));
        }
        outbox.appendAll(awarded);
    }

    private static StudyPointsAwardedV1 awarded(PointsEntry e, long balance) {
        return new StudyPointsAwardedV1(e.id().toString(), e.personId() == null ? null : e.personId().toString(),
                e.subject(), e.activity().name(), e.points(), e.sourceId(), e.reason(),
                e.reverses() == null ? null : e.reverses().toString(), balance, e.at());
    }

    public void attendanceRecorded(StudySession s, List<Attendance> attendance) {
        java.util.function.ToIntFunction<AttendanceStatus> count = status -> (int) attendance.stream()
                .filter(a -> a.status() == status).count();
        outbox.append(new StudyAttendanceRecordedV1(s.id().toString(), s.kind().name(), s.gridNodeId().toString(),
                s.startsAt(), count.applyAsInt(AttendanceStatus.PRESENT), count.applyAsInt(AttendanceStatus.LATE),
                count.applyAsInt(AttendanceStatus.ABSENT), count.applyAsInt(AttendanceStatus.EXCUSED),
                attendance.stream().filter(a -> a.status().attended()).map(Attendance::subject).toList(),
                OffsetDateTime.now()));
    }

    public void monthClosed(ComplianceReport r) {
        outbox.append(new StudyMonthClosedV1(r.orgId().toString(), r.month(), r.members(), r.complete(), r.coverage(),
                r.lecture(), r.film(), r.practice(), r.closedBy(), r.closedAt()));
    }

    public void sessionRecorded(StudySession session) {
        outbox.append(new StudySessionRecordedV1(session.id().toString(), session.kind().name(), session.title(),
                session.gridNodeId().toString(), session.startsAt()));
    }
}
