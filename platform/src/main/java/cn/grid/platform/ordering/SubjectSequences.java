package cn.grid.platform.ordering;

import cn.grid.platform.events.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * For consumers whose effect is not a read-model row that can keep its own {@code last_sequence} (e.g. a credit
 * and its reversal): the newest {@code subjectsequence} a consumer applied per subject
 * ({@code consumer_subject_sequence}, migration V0_8), so that a late or replayed older event of the subject is
 * skipped instead of undoing a newer one.
 */
@ApplicationScoped
public class SubjectSequences {

    private final EntityManager entityManager;

    public SubjectSequences(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Whether {@code consumer} should apply the event: true (and it is recorded as the subject's newest) when it
     * is newer than every event of its subject applied so far, or carries no number (published before the number
     * existed: applied as before); false for an older one. Runs in the transaction that applies the effect, and
     * row-locks the subject until commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean advance(String consumer, CloudEvent event) {
        if (event.subjectsequence() == null || event.subject() == null) {
            return true;
        }
        return entityManager.createNativeQuery("""
                insert into consumer_subject_sequence as c (consumer, subject, last_sequence) values (?1, ?2, ?3)
                on conflict (consumer, subject) do update set last_sequence = excluded.last_sequence
                where c.last_sequence < excluded.last_sequence""")
                .setParameter(1, consumer)
                .setParameter(2, event.subject())
                .setParameter(3, event.subjectsequence())
                .executeUpdate() == 1;
    }
}
