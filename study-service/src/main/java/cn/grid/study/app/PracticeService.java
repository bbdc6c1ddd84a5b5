package cn.grid.study.app;

import cn.grid.contracts.events.request.RequestTransitionedV1;
import cn.grid.platform.security.Caller;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.PracticeRecord;
import cn.grid.study.persistence.MemberDirectory;
import cn.grid.study.persistence.PracticeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * 实践: the citizen tickets a member took (签收/认领) count as practice once resolved and rated satisfied —
 * a practice record and PRACTICE points; a ticket done again (重办) takes both back until it is rated
 * satisfied again. Fed by request.events; each event is applied once (processed_event), and the credit
 * itself is idempotent too.
 */
@ApplicationScoped
public class PracticeService {

    private final PracticeRepository practice;
    private final PointsLedgerService ledger;
    private final MemberDirectory members;

    public PracticeService(PracticeRepository practice, PointsLedgerService ledger, MemberDirectory members) {
        this.practice = practice;
        this.ledger = ledger;
        this.members = members;
    }

    /** A rating: satisfied credits the member who signed the ticket; dissatisfied (重办) takes a credit back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rated(RequestTransitionedV1 event) {
        if (!Boolean.TRUE.equals(event.satisfied())) {
            reopened(event);
            return;
        }
        if (event.assignee() == null || event.assignee().isBlank()) {
            return; // nobody signed for it (e.g. rejected at once): no member to credit
        }
        UUID requestId = UUID.fromString(event.requestId());
        Optional<PracticeRecord> existing = practice.find(requestId);
        if (existing.isPresent() && existing.get().reversedAt() == null) {
            return;
        }
        practice.upsert(new PracticeRecord(requestId, event.assignee(), members.personOf(event.assignee()).orElse(null),
                event.requestType(), event.gridNodeId() == null ? null : UUID.fromString(event.gridNodeId()),
                event.rating(), event.at(), null), event.gridPath());
        ledger.credit(event.assignee(), PointsActivity.PRACTICE, requestId.toString(),
                "群众点单办结，评价 " + event.rating() + " 星");
    }

    /** 重办: the practice and its points are taken back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reopened(RequestTransitionedV1 event) {
        UUID requestId = UUID.fromString(event.requestId());
        practice.find(requestId).filter(r -> r.reversedAt() == null).ifPresent(r -> {
            String why = "重办" + (event.reason() == null ? "" : ": " + event.reason());
            practice.markReversed(requestId, why, event.at());
            ledger.reverse(r.subject(), PointsActivity.PRACTICE, requestId.toString(), why);
        });
    }

    /** A member's practice, newest first, for the member and the staff over them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PracticeRecord> of(UUID personId, Caller caller) {
        return practice.of(personId, ledger.requireMayRead(personId, caller), 200);
    }
}
