package cn.grid.study.persistence;

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

    /** The session's attendance by subject, locked for the batch being recorded. */
    public Map<String, Attendance> ofSessionForUpdate(UUID sessionId) {
        return query("select session_id, subject, person_id, person_name, status, recorded_by, recorded_at "
                + "from session_attendance where session_id = ?1 for update", sessionId).stream()
                .collect(Collectors.toMap(Attendance::subject, a -> a));
    }

    public List<Attendance> ofSession(UUID sessionId) {
        return query("select session_id, subject, person_id, person_name, status, recorded_by, recorded_at "
                + "from session_attendance where session_id = ?1 order by person_name, subject", sessionId);
    }

    public void save(Attendance a) {
        entityManager.createNativeQuery("""
                insert into session_attendance (session_id, subject, person_id, person_name, status, recorded_by,
                                                recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (session_id, subject) do update set person_id = excluded.person_id,
                    person_name = excluded.person_name, status = excluded.status, recorded_by = excluded.recorded_by,
                    recorded_at = excluded.recorded_at""")
                .setParameter(1, a.sessionId()).setParameter(2, a.subject()).setParameter(3, a.personId())
                .setParameter(4, a.personName()).setParameter(5, a.status().name()).setParameter(6, a.recordedBy())
                .setParameter(7, a.recordedAt()).executeUpdate();
    }

    public void audit(AttendanceChange c) {
        entityManager.createNativeQuery("""
                insert into attendance_change (id, session_id, subject, from_status, to_status, changed_by, reason, at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, c.id()).setParameter(2, c.sessionId()).setParameter(3, c.subject())
                .setParameter(4, c.fromStatus() == null ? null : c.fromStatus().name())
                .setParameter(5, c.toStatus().name()).setParameter(6, c.changedBy()).setParameter(7, c.reason())
                .setParameter(8, c.at()).executeUpdate();
    }

    public List<AttendanceChange> changes(UUID sessionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, session_id, subject, from_status, to_status, changed_by, reason, at
                from attendance_change where session_id = ?1 order by at, id""").setParameter(1, sessionId)
                .getResultList();
        return rows.stream().map(r -> new AttendanceChange((UUID) r[0], (UUID) r[1], (String) r[2],
                r[3] == null ? null : AttendanceStatus.valueOf((String) r[3]), AttendanceStatus.valueOf((String) r[4]),
                (String) r[5], (String) r[6], PointsLedgerRepository.toOffset(r[7]))).toList();
    }

    private List<Attendance> query(String sql, UUID sessionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(sql).setParameter(1, sessionId).getResultList();
        return rows.stream().map(r -> new Attendance((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                AttendanceStatus.valueOf((String) r[4]), (String) r[5], PointsLedgerRepository.toOffset(r[6])))
                .toList();
    }
}
