package cn.grid.study.persistence;

import cn.grid.platform.time.SqlTimestamps;
import cn.grid.study.domain.Attendance;
import cn.grid.study.domain.AttendanceChange;
import cn.grid.study.domain.AttendanceStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Attendance per session and its audit. */
@ApplicationScoped
public class AttendanceRepository {

    private final EntityManager entityManager;

    public AttendanceRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The session's attendance by subject, locked (in subject order) for the batch being recorded. */
    public Map<String, Attendance> ofSessionForUpdate(UUID sessionId) {
        return query("select session_id, subject, person_id, person_name, status, recorded_by, recorded_at "
                + "from session_attendance where session_id = ?1 order by subject for update", sessionId).stream()
                .collect(Collectors.toMap(Attendance::subject, a -> a));
    }

    public List<Attendance> ofSession(UUID sessionId) {
        return query("select session_id, subject, person_id, person_name, status, recorded_by, recorded_at "
                + "from session_attendance where session_id = ?1 order by person_name, subject", sessionId);
    }

    public void save(Attendance a) {
        saveAll(List.of(a));
    }

    /** Records or overwrites the marks (one per session and subject) with one statement. */
    public void saveAll(List<Attendance> marks) {
        if (marks.isEmpty()) {
            return;
        }
        int n = marks.size();
        String[] sessions = new String[n];
        String[] subjects = new String[n];
        String[] persons = new String[n];
        String[] names = new String[n];
        String[] statuses = new String[n];
        String[] recordedBy = new String[n];
        String[] recordedAt = new String[n];
        for (int i = 0; i < n; i++) {
            Attendance a = marks.get(i);
            sessions[i] = a.sessionId().toString();
            subjects[i] = a.subject();
            persons[i] = a.personId() == null ? null : a.personId().toString();
            names[i] = a.personName();
            statuses[i] = a.status().name();
            recordedBy[i] = a.recordedBy();
            recordedAt[i] = a.recordedAt().toString();
        }
        entityManager.createNativeQuery("""
                insert into session_attendance (session_id, subject, person_id, person_name, status, recorded_by,
                                                recorded_at)
                select cast(session_id as uuid), subject, cast(person_id as uuid), person_name, status, recorded_by,
                       cast(recorded_at as timestamptz)
                from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]),
                            cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]))
                     as a(session_id, subject, person_id, person_name, status, recorded_by, recorded_at)
                on conflict (session_id, subject) do update set person_id = excluded.person_id,
                    person_name = excluded.person_name, status = excluded.status, recorded_by = excluded.recorded_by,
                    recorded_at = excluded.recorded_at""")
                .setParameter(1, sessions).setParameter(2, subjects).setParameter(3, persons)
                .setParameter(4, names).setParameter(5, statuses).setParameter(6, recordedBy)
                .setParameter(7, recordedAt).executeUpdate();
    }

    public void audit(AttendanceChange c) {
        auditAll(List.of(c));
    }

    /** Appends the audit lines with one statement. */
    public void auditAll(List<AttendanceChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        int n = changes.size();
        String[] ids = new String[n];
        String[] sessions = new String[n];
        String[] subjects = new String[n];
        String[] from = new String[n];
        String[] to = new String[n];
        String[] changedBy = new String[n];
        String[] reasons = new String[n];
        String[] at = new String[n];
        for (int i = 0; i < n; i++) {
            AttendanceChange c = changes.get(i);
            ids[i] = c.id().toString();
            sessions[i] = c.sessionId().toString();
            subjects[i] = c.subject();
            from[i] = c.fromStatus() == null ? null : c.fromStatus().name();
            to[i] = c.toStatus().name();
            changedBy[i] = c.changedBy();
            reasons[i] = c.reason();
            at[i] = c.at().toString();
        }
        entityManager.createNativeQuery("""
                insert into attendance_change (id, session_id, subject, from_status, to_status, changed_by, reason, at)
                select cast(id as uuid), cast(session_id as uuid), subject, from_status, to_status, changed_by, reason,
                       cast(at as timestamptz)
                from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]),
                            cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]))
                     as c(id, session_id, subject, from_status, to_status, changed_by, reason, at)""")
                .setParameter(1, ids).setParameter(2, sessions).setParameter(3, subjects).setParameter(4, from)
                .setParameter(5, to).setParameter(6, changedBy).setParameter(7, reasons).setParameter(8, at)
                .executeUpdate();
    }

    public List<AttendanceChange> changes(UUID sessionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, session_id, subject, from_status, to_status, changed_by, reason, at
                from attendance_change where session_id = ?1 order by at, id""").setParameter(1, sessionId)
                .getResultList();
        return rows.stream().map(r -> new AttendanceChange((UUID) r[0], (UUID) r[1], (String) r[2],
                r[3] == null ? null : AttendanceStatus.valueOf((String) r[3]), AttendanceStatus.valueOf((String) r[4]),
                (String) r[5], (String) r[6], SqlTimestamps.offsetDateTime(r[7]))).toList();
    }

    private List<Attendance> query(String sql, UUID sessionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(sql).setParameter(1, sessionId).getResultList();
        return rows.stream().map(r -> new Attendance((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                AttendanceStatus.valueOf((String) r[4]), (String) r[5], SqlTimestamps.offsetDateTime(r[6])))
                .toList();
    }
}
