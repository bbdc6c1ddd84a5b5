package cn.grid.study.app;

import cn.grid.platform.ids.Ids;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.study.domain.Attendance;
import cn.grid.study.domain.AttendanceChange;
import cn.grid.study.domain.AttendanceStatus;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.PointsChange;
import cn.grid.study.domain.StudySession;
import cn.grid.study.messaging.StudyEventPublisher;
import cn.grid.study.persistence.AttendanceRepository;
import cn.grid.study.persistence.MemberDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * Records the batch in a number of statements that does not grow with its lines: the session, its marks
     * (locked), the people of the lines without a person id, the marks, their audit, the points (see
     * {@link PointsLedgerService#apply}) and the attendance event.
     */
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
        List<Mark> changed = marks.stream().filter(m -> !current.containsKey(m.subject())
                || current.get(m.subject()).status() != m.status()).toList();
        Map<String, UUID> persons = members.personsOf(changed.stream().filter(m -> m.personId() == null)
                .map(Mark::subject).toList());
        OffsetDateTime now = OffsetDateTime.now();
        List<Attendance> saved = new ArrayList<>(changed.size());
        List<AttendanceChange> audit = new ArrayList<>(changed.size());
        List<PointsChange> points = new ArrayList<>(changed.size());
        int recorded = 0;
        for (Mark m : changed) {
            Attendance before = current.get(m.subject());
            UUID personId = m.personId() != null ? m.personId() : persons.get(m.subject());
            saved.add(new Attendance(sessionId, m.subject(), personId, m.personName(), m.status(), caller.subject(),
                    now));
            audit.add(new AttendanceChange(Ids.newId(), sessionId, m.subject(),
                    before == null ? null : before.status(), m.status(), caller.subject(),
                    before == null ? null : reason, now));
            points.add(PointsChange.forAttendance(m.subject(), m.status(), session.title(), reason));
            if (before == null) {
                recorded++;
            }
        }
        // rows in subject order: two batches over the same members wait for each other instead of deadlocking
        saved.sort(Comparator.comparing(Attendance::subject));
        attendance.saveAll(saved);
        attendance.auditAll(audit);
        ledger.apply(PointsActivity.ATTENDANCE, sessionId.toString(), points);
        int corrected = changed.size() - recorded;
        Outcome outcome = new Outcome(recorded, corrected, marks.size() - changed.size());
        if (!changed.isEmpty()) {
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
