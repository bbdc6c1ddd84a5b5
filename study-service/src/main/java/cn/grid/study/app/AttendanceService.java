package cn.grid.study.app;

import cn.grid.platform.ids.Ids;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.study.domain.Attendance;
import cn.grid.study.domain.AttendanceChange;
import cn.grid.study.domain.AttendanceStatus;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.StudySession;
import cn.grid.study.messaging.StudyEventPublisher;
import cn.grid.study.persistence.AttendanceRepository;
import cn.grid.study.persistence.MemberDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * 签到 in batches: a first recording needs no reason; changing a recorded status does (it is audited), and
 * the points follow — attending credits ATTENDANCE once, a correction to absent or excused takes it back.
 */
@ApplicationScoped
public class AttendanceService {

    /** One line of a batch. */
    public record Mark(String subject, UUID personId, String personName, AttendanceStatus status) {
    }

    /** What a batch did: lines first recorded, lines corrected, lines unchanged. */
    public record Outcome(int recorded, int corrected, int unchanged) {
    }

    private final StudySessionService sessions;
    private final AttendanceRepository attendance;
    private final PointsLedgerService ledger;
    private final MemberDirectory members;
    private final StudyEventPublisher events;

    public AttendanceService(StudySessionService sessions, AttendanceRepository attendance,
            PointsLedgerService ledger, MemberDirectory members, StudyEventPublisher events) {
        this.sessions = sessions;
        this.attendance = attendance;
        this.ledger = ledger;
        this.members = members;
        this.events = events;
    }

    @Transactional
    public Outcome record(UUID sessionId, List<Mark> marks, String reason, Caller caller) {
        StudySession session = sessions.get(sessionId, caller);
        Set<String> seen = new HashSet<>();
        for (Mark m : marks) {
            if (!seen.add(m.subject())) {
                throw DomainProblem.invalid("entries", m.subject() + " appears twice in the batch");
            }
        }
        Map<String, Attendance> current = attendance.ofSessionForUpdate(sessionId);
        boolean corrects = marks.stream().anyMatch(m -> current.containsKey(m.subject())
                && current.get(m.subject()).status() != m.status());
        if (corrects && (reason == null || reason.isBlank())) {
            throw DomainProblem.invalid("reason", "changing recorded attendance needs a reason (it is audited)");
        }
        OffsetDateTime now = OffsetDateTime.now();
        int recorded = 0;
        int corrected = 0;
        for (Mark m : marks) {
            Attendance before = current.get(m.subject());
            if (before != null && before.status() == m.status()) {
                continue;
            }
            UUID personId = m.personId() != null ? m.personId() : members.personOf(m.subject()).orElse(null);
            attendance.save(new Attendance(sessionId, m.subject(), personId, m.personName(), m.status(),
                    caller.subject(), now));
            attendance.audit(new AttendanceChange(Ids.newId(), sessionId, m.subject(),
                    before == null ? null : before.status(), m.status(), caller.subject(),
                    before == null ? null : reason, now));
            if (m.status().attended()) {
                ledger.credit(m.subject(), PointsActivity.ATTENDANCE, sessionId.toString(),
                        "参加《" + session.title() + "》");
            } else {
                ledger.reverse(m.subject(), PointsActivity.ATTENDANCE, sessionId.toString(),
                        "签到更正为 " + m.status() + (reason == null ? "" : ": " + reason));
            }
            if (before == null) {
                recorded++;
            } else {
                corrected++;
            }
        }
        Outcome outcome = new Outcome(recorded, corrected, marks.size() - recorded - corrected);
        if (recorded + corrected > 0) {
            events.attendanceRecorded(session, attendance.ofSession(sessionId));
        }
        return outcome;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Attendance> of(UUID sessionId, Caller caller) {
        sessions.get(sessionId, caller);
        return attendance.ofSession(sessionId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AttendanceChange> changes(UUID sessionId, Caller caller) {
        sessions.get(sessionId, caller);
        return attendance.changes(sessionId);
    }
}
