package cn.grid.request.domain;

import cn.grid.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static cn.grid.request.domain.Tickets.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** 延期申请 (one at a time, decided by someone else) and 评价 (1–5; 1–2 has it done again). */
class ExtensionAndRatingTest {

    static final OffsetDateTime LATER = T0.plusHours(1);

    @Test
    void anExtensionIsBetweenOneMinuteAndThirtyDaysWithAReason() {
        assertThat(ExtensionRequest.ask(1, "等配件", "w")).isEqualTo(new ExtensionRequest(1, "等配件", "w"));
        assertThat(ExtensionRequest.ask(43_200, "等配件", "w").minutes()).isEqualTo(43_200);
        Problems.refused(ProblemType.VALIDATION, "minutes: between 1 minute and 30 days",
                () -> ExtensionRequest.ask(0, "等配件", "w"));
        Problems.refused(ProblemType.VALIDATION, "minutes: between 1 minute and 30 days",
                () -> ExtensionRequest.ask(43_201, "等配件", "w"));
        Problems.refused(ProblemType.VALIDATION, "reason: say why", () -> ExtensionRequest.ask(60, " ", "w"));
    }

    @Test
    void oneExtensionWaitsAtATimeAndTheOneWhoAskedDoesNotDecide() {
        ServiceRequest ticket = Tickets.in(RequestStatus.IN_PROGRESS);
        Problems.refused(ProblemType.CONFLICT, "has no extension waiting for a decision",
                () -> ticket.approveExtension("admin-1", LATER));
        ticket.requestExtension(90, "等配件", "worker-1", LATER);
        assertThat(ticket.pendingExtension()).contains(new ExtensionRequest(90, "等配件", "worker-1"));
        Problems.refused(ProblemType.CONFLICT, "already waits for a decision on an extension of 90 minutes",
                () -> ticket.requestExtension(30, "再等", "worker-1", LATER));
        Problems.refused(ProblemType.FORBIDDEN, "the one who asked for an extension does not decide on it",
                () -> ticket.approveExtension("worker-1", LATER));
        Problems.refused(ProblemType.FORBIDDEN, "does not decide on it", () -> ticket.denyExtension("worker-1", LATER));
        assertThat(ticket.pendingExtension()).isPresent();

        OffsetDateTime due = ticket.sla().resolveDueAt();
        ticket.approveExtension("admin-1", LATER.plusMinutes(5));
        assertThat(ticket.sla().resolveDueAt()).isEqualTo(due.plusMinutes(90));
        assertThat(ticket.pendingExtension()).isEmpty();
        assertThat(ticket.updatedAt()).isEqualTo(LATER.plusMinutes(5));

        ticket.requestExtension(30, "再等", "worker-1", LATER.plusMinutes(6));
        ticket.denyExtension("admin-1", LATER.plusMinutes(7));
        assertThat(ticket.pendingExtension()).isEmpty();
        assertThat(ticket.sla().resolveDueAt()).isEqualTo(due.plusMinutes(90));
    }

    @Test
    void anApprovedExtensionCuresAnOverdueMark() {
        ServiceRequest ticket = Tickets.in(RequestStatus.IN_PROGRESS);
        OffsetDateTime late = ticket.sla().resolveDueAt().plusMinutes(10);
        assertThat(ticket.markOverdue(late)).containsExactly(SlaStage.RESOLVE);
        ticket.requestExtension(60, "等配件", "worker-1", late);
        ticket.approveExtension("admin-1", late);
        assertThat(ticket.sla().overdueStages()).isEmpty();
    }

    @Test
    void ratingsAreOneToFiveAndUpToTwoIsDissatisfied() {
        assertThat(CitizenRating.of(3, null).satisfied()).isTrue();
        assertThat(CitizenRating.of(2, null).satisfied()).isFalse();
        assertThat(CitizenRating.NONE.satisfied()).isFalse();
        assertThat(CitizenRating.NONE.rated()).isFalse();
        for (int stars : List.of(0, 6, -1)) {
            Problems.refused(ProblemType.VALIDATION, "rating: must be 1 to 5", () -> CitizenRating.of(stars, null));
        }
        ServiceRequest ticket = Tickets.in(RequestStatus.RESOLVED);
        Problems.refused(ProblemType.VALIDATION, "rating: must be 1 to 5", () -> ticket.rate(0, null, LATER));
        assertThat(ticket.status()).isEqualTo(RequestStatus.RESOLVED);
    }

    @Test
    void aSatisfiedRatingClosesTheTicketADissatisfiedOneReopensIt() {
        for (int stars = 1; stars <= 5; stars++) {
            ServiceRequest ticket = Tickets.in(RequestStatus.RESOLVED);
            assertThat(ticket.rate(stars, "评", LATER)).isEqualTo(RequestStatus.RESOLVED);
            boolean satisfied = stars >= 3;
            assertThat(ticket.status()).isEqualTo(satisfied ? RequestStatus.CLOSED : RequestStatus.REOPENED);
            assertThat(ticket.rating()).isEqualTo(new CitizenRating((short) stars, "评"));
            assertThat(ticket.rating().satisfied()).isEqualTo(satisfied);
            assertThat(ticket.closedAt()).isEqualTo(satisfied ? LATER : null);
        }
    }

    @Test
    void aContactGivenByStaffIsOnTheCitizensBehalf() {
        assertThat(Contact.given("李四", null, true)).isEqualTo(new Contact("李四", null, true));
        assertThat(Contact.given(null, null, true)).isEqualTo(Contact.NONE);
        assertThat(Contact.given("李四", "138", false).onBehalf()).isFalse();
    }

    @Test
    void coordinatesComeInPairs() {
        Problems.refused(ProblemType.VALIDATION, "location: latitude and longitude come together",
                () -> new TicketLocation(25.0, null, null));
        Problems.refused(ProblemType.VALIDATION, "latitude and longitude come together",
                () -> new TicketLocation(null, 103.0, "x"));
        assertThat(new TicketLocation(null, null, "大为小区").locates()).isTrue();
        assertThat(new TicketLocation(25.0, 103.0, null).hasCoordinates()).isTrue();
        assertThat(TicketLocation.NONE.locates()).isFalse();
    }
}
