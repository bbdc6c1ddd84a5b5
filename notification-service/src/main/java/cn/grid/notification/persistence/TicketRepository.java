package cn.grid.notification.persistence;

import cn.grid.notification.domain.Ticket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code ticket_view} (V2): each ticket's reporter and title, remembered from its request.submitted event. */
@ApplicationScoped
public class TicketRepository {

    private final EntityManager entityManager;

    public TicketRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Remembers a submitted ticket; a replayed submission changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(Ticket ticket, OffsetDateTime submittedAt) {
        entityManager.createNativeQuery("""
                        insert into ticket_view (request_id, request_type, title, reporter_subject, grid_node_id,
                                                 submitted_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (request_id) do nothing""")
                .setParameter(1, ticket.requestId())
                .setParameter(2, ticket.requestType())
                .setParameter(3, ticket.title())
                .setParameter(4, ticket.reporterSubject())
                .setParameter(5, ticket.gridNodeId())
                .setParameter(6, submittedAt == null ? OffsetDateTime.now() : submittedAt)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Ticket> find(UUID requestId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select request_id, request_type, title, reporter_subject, grid_node_id from ticket_view
                        where request_id = ?1""")
                .setParameter(1, requestId)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Ticket((UUID) r[0], (String) r[1], (String) r[2],
                (String) r[3], (UUID) r[4]));
    }
}
