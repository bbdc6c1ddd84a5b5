package cn.grid.readmodel.grid;

import cn.grid.contracts.events.grid.AssignmentEndedV1;
import cn.grid.contracts.events.grid.AssignmentStartedV1;
import cn.grid.contracts.events.grid.PartyMemberRegisteredV1;
import cn.grid.contracts.events.grid.PartyMemberUnregisteredV1;
import cn.grid.platform.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The service's local copy of who holds which role where ({@code grid_assignment_view}). An event older than a
 * row's last applied one (its {@code subjectsequence}) changes nothing: a late start cannot reopen an ended role.
 */
@ApplicationScoped
public class GridAssignmentViews {

    private final EntityManager entityManager;

    public GridAssignmentViews(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, AssignmentStartedV1 e) {
        upsert(stamp, e.assignmentId(), e.personId(), e.personName(), e.subject(), e.nodeId(), e.nodePath(),
                e.role(), e.startDate(), e.endDate(), null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, PartyMemberRegisteredV1 e) {
        upsert(stamp, e.assignmentId(), e.personId(), e.personName(), e.subject(), e.nodeId(), e.nodePath(),
                AssignmentSnapshot.PARTY_MEMBER, e.startDate(), null, e.workOrganisation());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, AssignmentEndedV1 e) {
        end(stamp, e.assignmentId(), e.endDate());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, PartyMemberUnregisteredV1 e) {
        end(stamp, e.assignmentId(), e.endDate());
    }

    /** The roles the login {@code subject} holds on {@code day}, with where. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AssignmentSnapshot> heldBy(String subject, LocalDate day) {
        return query("subject = ?1 and start_date <= ?2 and (end_date is null or end_date >= ?2)", subject,
                Date.valueOf(day));
    }

    private List<AssignmentSnapshot> query(String where, Object... params) {
        var query = entityManager.createNativeQuery("""
                select assignment_id, person_id, person_name, subject, node_id, node_path, role, start_date, end_date,
                       work_organisation
                from grid_assignment_view where\s""" + where + " order by node_path, person_name");
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new AssignmentSnapshot((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                (UUID) r[4], (String) r[5], (String) r[6], toLocalDate(r[7]), toLocalDate(r[8]), (String) r[9]))
                .toList();
    }

    private static LocalDate toLocalDate(Object value) {
        return value == null ? null : value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

    private void upsert(EventStamp stamp, String assignmentId, String personId, String personName, String subject,
            String nodeId, String nodePath, String role, String startDate, String endDate, String workOrganisation) {
        if (nodePath == null || role == null) {
            throw new MalformedEventException("assignment event without nodePath or role");
        }
        entityManager.createNativeQuery("""
                insert into grid_assignment_view (assignment_id, person_id, person_name, subject, node_id, node_path,
                    role, start_date, end_date, work_organisation, last_event_id, last_sequence, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, cast(?12 as bigint), now())
                on conflict (assignment_id) do update set person_name = excluded.person_name,
                    subject = excluded.subject, node_path = excluded.node_path, role = excluded.role,
                    start_date = excluded.start_date, end_date = excluded.end_date,
                    work_organisation = excluded.work_organisation, last_event_id = excluded.last_event_id,
                    last_sequence = %s, updated_at = now()
                where %s""".formatted(EventStamp.nextSequence("grid_assignment_view", 12),
                        EventStamp.isNewer("grid_assignment_view", 12)))
                .setParameter(1, uuid(assignmentId, "assignmentId"))
                .setParameter(2, uuid(personId, "personId"))
                .setParameter(3, personName)
                .setParameter(4, subject)
                .setParameter(5, uuid(nodeId, "nodeId"))
                .setParameter(6, nodePath)
                .setParameter(7, role)
                .setParameter(8, date(startDate, "startDate"))
                .setParameter(9, endDate == null ? null : date(endDate, "endDate"))
                .setParameter(10, workOrganisation)
                .setParameter(11, stamp.id())
                .setParameter(12, stamp.sequence())
                .executeUpdate();
    }

    private void end(EventStamp stamp, String assignmentId, String endDate) {
        entityManager.createNativeQuery("""
                update grid_assignment_view set end_date = ?2, last_event_id = ?3, last_sequence = %s,
                    updated_at = now()
                where assignment_id = ?1 and %s""".formatted(EventStamp.nextSequence("grid_assignment_view", 4),
                        EventStamp.isNewer("grid_assignment_view", 4)))
                .setParameter(1, uuid(assignmentId, "assignmentId"))
                .setParameter(2, date(endDate, "endDate"))
                .setParameter(3, stamp.id())
                .setParameter(4, stamp.sequence())
                .executeUpdate();
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw new MalformedEventException("assignment event with an invalid " + field + ": " + value);
        }
    }

    private static Date date(String value, String field) {
        try {
            return Date.valueOf(LocalDate.parse(value));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new MalformedEventException("assignment event with an invalid " + field + ": " + value);
        }
    }
}
