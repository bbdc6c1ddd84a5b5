package cn.grid.request.domain;

import cn.grid.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static cn.grid.request.domain.Tickets.COMMUNITY;
import static cn.grid.request.domain.Tickets.GRID;
import static cn.grid.request.domain.Tickets.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** 督办/吹哨报到: one level up at a time, never from the community queue or past the top. */
class EscalationTest {

    static final GridPlace STREET = new GridPlace(UUID.randomUUID(), "/d/s/");
    static final UUID TICKET = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void escalationClimbsOneLevelAtATime() {
        Escalation routed = Escalation.at(GRID, true);
        assertThat(routed.escalated()).isFalse();
        Escalation once = routed.up(COMMUNITY, TICKET);
        assertThat(once).isEqualTo(new Escalation(COMMUNITY.nodeId(), COMMUNITY.path(), 1, true));
        assertThat(once.up(STREET, TICKET).level()).isEqualTo(2);
    }

    @Test
    void notFromTheQueueNorPastTheTop() {
        Problems.refused(ProblemType.CONFLICT, "waits in the community queue",
                () -> Escalation.at(null, false).up(COMMUNITY, TICKET));
        Problems.refused(ProblemType.CONFLICT, "request " + TICKET + " is already answered for at the top of the tree",
                () -> Escalation.at(GRID, false).up(null, TICKET));
    }

    @Test
    void aMoveToAnotherGridCarriesResponsibilityOnlyWhileNotEscalated() {
        GridPlace other = new GridPlace(UUID.randomUUID(), "/d/s/c/h/");
        assertThat(Escalation.at(GRID, false).movedTo(other))
                .isEqualTo(new Escalation(other.nodeId(), other.path(), 0, false));
        Escalation escalated = Escalation.at(GRID, false).up(COMMUNITY, TICKET);
        assertThat(escalated.movedTo(other)).isEqualTo(escalated);
    }

    @Test
    void theAggregateEscalatesWithoutChangingItsState() {
        ServiceRequest ticket = Tickets.in(RequestStatus.SIGNED);
        assertThat(ticket.escalateTo(COMMUNITY, T0.plusHours(1))).isEqualTo(RequestStatus.SIGNED);
        assertThat(ticket.status()).isEqualTo(RequestStatus.SIGNED);
        assertThat(ticket.escalation().responsibleNodeId()).isEqualTo(COMMUNITY.nodeId());
        assertThat(ticket.gridNodeId()).isEqualTo(GRID.nodeId());

        ServiceRequest queued = Tickets.submitted(RequestType.PROBLEM_REPORT, null);
        Problems.refused(ProblemType.CONFLICT, "dispatch it to a grid before escalating it",
                () -> queued.escalateTo(COMMUNITY, T0));
        assertThat(queued.escalation().level()).isZero();
    }
}
