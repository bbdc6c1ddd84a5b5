package cn.grid.request.domain;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;

import static cn.grid.request.domain.Tickets.LIMITS;
import static cn.grid.request.domain.Tickets.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The clocks as a value: deadlines, overdue marks once per run, late flags, 重办 and extensions, at fixed times. */
class SlaClocksTest {

    static final SlaClocks STARTED = SlaClocks.start(LIMITS, T0);

    static OffsetDateTime at(int minutes) {
        return T0.plusMinutes(minutes);
    }

    @Test
    void submissionStartsTheAnswerAndResolutionClocksNotTheSignClock() {
        assertThat(STARTED.respondDueAt()).isEqualTo(at(60));
        assertThat(STARTED.resolveDueAt()).isEqualTo(at(1440));
        assertThat(STARTED.signDueAt()).isNull();
        assertThat(STARTED.signMinutes()).isEqualTo(120);
        assertThat(STARTED.resolveMinutes()).isEqualTo(1440);
        assertThat(STARTED.overdueStages()).isEmpty();
        assertThat(STARTED.dueAt(SlaStage.SIGN)).isNull();
    }

    @Test
    void answeringEndsTheFirstClockOnTimeOrLateAndClearsItsMark() {
        SlaClocks onTime = STARTED.responded(at(60));
        assertThat(onTime.respondedAt()).isEqualTo(at(60));
        assertThat(onTime.respondedLate()).isFalse();
        SlaClocks late = STARTED.markedOverdue(List.of(SlaStage.RESPOND)).responded(at(61));
        assertThat(late.respondedLate()).isTrue();
        assertThat(late.respondOverdue()).isFalse();
    }

    @Test
    void eachDispatchStartsTheSignClockAfresh() {
        SlaClocks first = STARTED.dispatched(at(10));
        assertThat(first.signDueAt()).isEqualTo(at(130));
        SlaClocks again = first.markedOverdue(List.of(SlaStage.SIGN)).dispatched(at(200));
        assertThat(again.signDueAt()).isEqualTo(at(320));
        assertThat(again.signOverdue()).isFalse();
    }

    @Test
    void signingLateOnceStaysLate() {
        SlaClocks lateSign = STARTED.dispatched(at(0)).taken(at(121));
        assertThat(lateSign.signedLate()).isTrue();
        assertThat(lateSign.signedAt()).isEqualTo(at(121));
        // returned, dispatched again and signed in time: still late in the rates
        assertThat(lateSign.dispatched(at(130)).taken(at(140)).signedLate()).isTrue();
        assertThat(STARTED.dispatched(at(0)).taken(at(120)).signedLate()).isFalse();
        // a claim takes a ticket that was never dispatched: no sign clock, not late
        assertThat(STARTED.taken(at(5000)).signedLate()).isFalse();
    }

    @Test
    void resolvingIsLateAgainstTheDeadlineAsItStands() {
        assertThat(STARTED.resolved(at(1440)).resolvedLate()).isFalse();
        SlaClocks late = STARTED.markedOverdue(List.of(SlaStage.RESOLVE)).resolved(at(1441));
        assertThat(late.resolvedLate()).isTrue();
        assertThat(late.resolveOverdue()).isFalse();
        assertThat(STARTED.extended(60, at(0)).resolved(at(1441)).resolvedLate()).isFalse();
    }

    @Test
    void aRedoGetsAFreshResolutionClock() {
        SlaClocks redone = STARTED.markedOverdue(List.of(SlaStage.RESOLVE)).redo(at(3000));
        assertThat(redone.resolveDueAt()).isEqualTo(at(3000 + 1440));
        assertThat(redone.resolveOverdue()).isFalse();
    }

    @Test
    void onlyTheClocksRunningInAStatusGoOverdue() {
        SlaClocks dispatched = STARTED.dispatched(at(0));
        OffsetDateTime muchLater = at(5000);
        for (RequestStatus status : RequestStatus.values()) {
            List<SlaStage> due = dispatched.newlyOverdue(status, muchLater);
            EnumSet<SlaStage> expected = EnumSet.noneOf(SlaStage.class);
            if (status == RequestStatus.SUBMITTED) {
                expected.add(SlaStage.RESPOND);
            }
            if (status == RequestStatus.DISPATCHED) {
                expected.add(SlaStage.SIGN);
            }
            if (EnumSet.of(RequestStatus.ACCEPTED, RequestStatus.DISPATCHED, RequestStatus.SIGNED,
                    RequestStatus.RETURNED, RequestStatus.IN_PROGRESS, RequestStatus.REOPENED).contains(status)) {
                expected.add(SlaStage.RESOLVE);
            }
            assertThat(due).as(status.name()).containsExactlyElementsOf(expected);
        }
        // no dispatch yet: no sign clock to run out
        assertThat(STARTED.newlyOverdue(RequestStatus.DISPATCHED, muchLater)).containsExactly(SlaStage.RESOLVE);
    }

    @Test
    void aDeadlineIsPassedOnlyAfterItAndMarkedOnce() {
        assertThat(STARTED.newlyOverdue(RequestStatus.SUBMITTED, at(60))).isEmpty();
        assertThat(STARTED.newlyOverdue(RequestStatus.SUBMITTED, at(61))).containsExactly(SlaStage.RESPOND);
        SlaClocks marked = STARTED.markedOverdue(List.of(SlaStage.RESPOND));
        assertThat(marked.overdueStages()).containsExactly(SlaStage.RESPOND);
        // marked once per run; the resolution clock does not run before the ticket is accepted
        assertThat(marked.newlyOverdue(RequestStatus.SUBMITTED, at(2000))).isEmpty();
        assertThat(marked.newlyOverdue(RequestStatus.ACCEPTED, at(2000))).containsExactly(SlaStage.RESOLVE);
        assertThat(marked.markedOverdue(List.of(SlaStage.RESOLVE)).overdueStages())
                .containsExactly(SlaStage.RESPOND, SlaStage.RESOLVE);
        assertThat(marked.markedOverdue(List.of())).isEqualTo(marked);
    }

    @Test
    void anExtensionMovesTheDeadlineAndClearsOnlyAMarkItCures() {
        SlaClocks overdue = STARTED.markedOverdue(List.of(SlaStage.RESOLVE));
        SlaClocks cured = overdue.extended(120, at(1500));
        assertThat(cured.resolveDueAt()).isEqualTo(at(1560));
        assertThat(cured.resolveOverdue()).isFalse();
        SlaClocks stillLate = overdue.extended(30, at(1500));
        assertThat(stillLate.resolveDueAt()).isEqualTo(at(1470));
        assertThat(stillLate.resolveOverdue()).isTrue();
        assertThat(STARTED.extended(30, at(0)).resolveOverdue()).isFalse();
    }

    @Test
    void theAggregateMarksItsClocksAndLeavesThemAtTheirState() {
        ServiceRequest ticket = Tickets.submitted();
        assertThat(ticket.markOverdue(at(30))).isEmpty();
        assertThat(ticket.updatedAt()).isEqualTo(T0);
        assertThat(ticket.markOverdue(at(61))).containsExactly(SlaStage.RESPOND);
        assertThat(ticket.updatedAt()).isEqualTo(at(61));
        assertThat(ticket.markOverdue(at(62))).isEmpty();
        assertThat(ticket.status()).isEqualTo(RequestStatus.SUBMITTED);
        ticket.accept(at(70));
        assertThat(ticket.sla().overdueStages()).isEmpty();
        assertThat(ticket.sla().respondedLate()).isTrue();
        ticket.dispatch(Tickets.TO_DEPARTMENT, null, at(80));
        assertThat(ticket.sla().signDueAt()).isEqualTo(at(200));
        assertThat(ticket.markOverdue(at(201))).containsExactly(SlaStage.SIGN);
        ticket.sign(Tickets.WORKER, at(210));
        assertThat(ticket.sla().signedLate()).isTrue();
        assertThat(ticket.sla().overdueStages()).isEmpty();
    }

    @Test
    void aDissatisfiedRatingOrAReopeningRestartsTheResolutionClock() {
        ServiceRequest rated = Tickets.in(RequestStatus.RESOLVED);
        rated.rate(2, "没修好", at(3000));
        assertThat(rated.sla().resolveDueAt()).isEqualTo(at(3000 + 1440));
        ServiceRequest reopened = Tickets.in(RequestStatus.RESOLVED);
        reopened.reopen("又漏了", at(4000));
        assertThat(reopened.sla().resolveDueAt()).isEqualTo(at(4000 + 1440));
    }
}
