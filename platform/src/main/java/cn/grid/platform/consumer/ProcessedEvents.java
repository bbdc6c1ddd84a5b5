package cn.grid.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** The idempotent-consumer ledger: {@code processed_event(consumer, event_id)} in the service's own database. */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records that {@code consumer} handles {@code eventId} now. Returns false when it already did — the caller
     * then skips the effect. Runs in the caller's transaction, so the mark and the effect commit together.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markFirstDelivery(String consumer, UUID eventId, String eventType) {
        return entityManager.createNativeQuery("""
                insert into processed_event (consumer, event_id, event_type) values (?1, ?2, ?3)
                on conflict do nothing""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .setParameter(3, eventType)
                .executeUpdate() == 1;
    }
}
