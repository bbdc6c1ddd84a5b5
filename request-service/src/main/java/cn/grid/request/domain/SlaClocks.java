package cn.grid.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The ticket's three clocks (时限) and what became of them — an immutable value: every rule is a pure method that
 * takes the time and returns the clocks after it.
 * <ul>
 * <li>受理/首次响应 ({@link SlaStage#RESPOND}) runs from submission until the ticket is accepted or rejected;</li>
 * <li>签收 ({@link SlaStage#SIGN}) runs from each dispatch until someone takes it ({@code signMinutes});</li>
 * <li>办结 ({@link SlaStage#RESOLVE}) runs from submission, afresh from each 重办 ({@code resolveMinutes}), until it
 * is resolved; an approved extension moves it out.</li>
 * </ul>
 * A clock past its deadline is marked overdue once per run (by the SLA sweep); ending it clears the mark and
 * records whether it ended late. A ticket once late to sign stays late in the rates.
 */
@Embeddable
public record SlaClocks(
        @Column(name = "sla_sign_minutes") int signMinutes,
        @Column(name = "sla_resolve_minutes") int resolveMinutes,
        @Column(name = "respond_due_at") OffsetDateTime respondDueAt,
        @Column(name = "sign_due_at") OffsetDateTime signDueAt,
        @Column(name = "resolve_due_at") OffsetDateTime resolveDueAt,
        @Column(name = "respond_overdue") boolean respondOverdue,
        @Column(name = "sign_overdue") boolean signOverdue,
        @Column(name = "resolve_overdue") boolean resolveOverdue,
        @Column(name = "responded_at") OffsetDateTime respondedAt,
        @Column(name = "signed_at") OffsetDateTime signedAt,
        @Column(name = "responded_late") Boolean respondedLate,
        @Column(name = "signed_late") Boolean signedLate,
        @Column(name = "resolved_late") Boolean resolvedLate) {

    /** The clocks of a ticket submitted {@code now} under its category's limits: 受理 and 办结 start. */
    public static SlaClocks start(RequestCategory.Sla limits, OffsetDateTime now) {
        return new SlaClocks(minutes(limits.signWithin()), minutes(limits.resolveWithin()),
                now.plus(limits.respondWithin()), null, now.plus(limits.resolveWithin()), false, false, false, null,
                null, null, null, null);
    }

    /** 受理 or 不予受理 ends the first clock: on time or late, once. */
    public SlaClocks responded(OffsetDateTime now) {
        return new SlaClocks(signMinutes, resolveMinutes, respondDueAt, signDueAt, resolveDueAt, false, signOverdue,
                resolveOverdue, now, signedAt, now.isAfter(respondDueAt), signedLate, resolvedLate);
    }

    /** Each dispatch starts the sign clock afresh. */
    public SlaClocks dispatched(OffsetDateTime now) {
        return new SlaClocks(signMinutes, resolveMinutes, respondDueAt, now.plusMinutes(signMinutes), resolveDueAt,
                respondOverdue, false, resolveOverdue, respondedAt, signedAt, respondedLate, signedLate, resolvedLate);
    }

    /** 签收 (or a claim) ends the sign clock; a ticket late once stays late. */
    public SlaClocks taken(OffsetDateTime now) {
        boolean late = Boolean.TRUE.equals(signedLate) || signDueAt != null && now.isAfter(signDueAt);
        return new SlaClocks(signMinutes, resolveMinutes, respondDueAt, signDueAt, resolveDueAt, respondOverdue,
                false, resolveOverdue, respondedAt, now, respondedLate, late, resolvedLate);
    }

    /** 办结 ends the resolution clock, on time or late (against the deadline as extended). */
    public SlaClocks resolved(OffsetDateTime now) {
        return new SlaClocks(signMinutes, resolveMinutes, respondDueAt, signDueAt, resolveDueAt, respondOverdue,
                signOverdue, false, respondedAt, signedAt, respondedLate, signedLate, now.isAfter(resolveDueAt));
    }

    /** 重办 (a dissatisfied rating, a reopening) gets a fresh resolution clock. */
    public SlaClocks redo(OffsetDateTime now) {
        return new SlaClocks(signMinutes, resolveMinutes, respondDueAt, signDueAt, now.plusMinutes(resolveMinutes),
                respondOverdue, signOverdue, false, respondedAt, signedAt, respondedLate, signedLate, resolvedLate);
    }

    /** An approved extension moves the resolution deadline out, and clears an overdue mark it cures. */
    public SlaClocks extended(int minutes, OffsetDateTime now) {
        OffsetDateTime due = resolveDueAt.plusMinutes(minutes);
        return new SlaClocks(signMinutes, resolveMinutes, respondDueAt, signDueAt, due, respondOverdue, signOverdue,
                resolveOverdue && !due.isAfter(now), respondedAt, signedAt, respondedLate, signedLate, resolvedLate);
    }

    /**
     * The stages whose clock runs in {@code status}, passed its deadline by {@code now} and is not marked yet: 受理
     * while SUBMITTED, 签收 while DISPATCHED, 办结 while being handled ({@link RequestStatus#BEING_HANDLED}).
     */
    public List<SlaStage> newlyOverdue(RequestStatus status, OffsetDateTime now) {
        List<SlaStage> due = new ArrayList<>();
        if (status == RequestStatus.SUBMITTED && !respondOverdue && now.isAfter(respondDueAt)) {
            due.add(SlaStage.RESPOND);
        }
        if (status == RequestStatus.DISPATCHED && !signOverdue && signDueAt != null && now.isAfter(signDueAt)) {
            due.add(SlaStage.SIGN);
        }
        if (RequestStatus.BEING_HANDLED.contains(status) && !resolveOverdue && now.isAfter(resolveDueAt)) {
            due.add(SlaStage.RESOLVE);
        }
        return due;
    }

    /** The clocks with these stages marked overdue. */
    public SlaClocks markedOverdue(List<SlaStage> stages) {
        Set<SlaStage> marked = stages.isEmpty() ? EnumSet.noneOf(SlaStage.class) : EnumSet.copyOf(stages);
        return new SlaClocks(signMinutes, resolveMinutes, respondDueAt, signDueAt, resolveDueAt,
                respondOverdue || marked.contains(SlaStage.RESPOND), signOverdue || marked.contains(SlaStage.SIGN),
                resolveOverdue || marked.contains(SlaStage.RESOLVE), respondedAt, signedAt, respondedLate, signedLate,
                resolvedLate);
    }

    /** The deadline of a stage's clock (null: the sign clock before the first dispatch). */
    public OffsetDateTime dueAt(SlaStage stage) {
        return switch (stage) {
            case RESPOND -> respondDueAt;
            case SIGN -> signDueAt;
            case RESOLVE -> resolveDueAt;
        };
    }

    /** The stages whose clock is marked overdue, in stage order. */
    public List<SlaStage> overdueStages() {
        List<SlaStage> stages = new ArrayList<>();
        if (respondOverdue) {
            stages.add(SlaStage.RESPOND);
        }
        if (signOverdue) {
            stages.add(SlaStage.SIGN);
        }
        if (resolveOverdue) {
            stages.add(SlaStage.RESOLVE);
        }
        return stages;
    }

    private static int minutes(Duration d) {
        return Math.toIntExact(d.toMinutes());
    }
}
