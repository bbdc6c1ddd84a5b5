package cn.grid.request.domain;

import cn.grid.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.UUID;
import java.util.function.Function;

import static cn.grid.request.domain.Tickets.COMMUNITY;
import static cn.grid.request.domain.Tickets.GRID;
import static cn.grid.request.domain.Tickets.T0;
import static cn.grid.request.domain.Tickets.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate's moves, each tried from every state of the lifecycle (reached through the moves themselves): where
 * {@link TransitionTest}'s table allows it, it lands in its target state and returns the state it left; elsewhere
 * it is a 409 and the ticket is untouched.
 */
class ServiceRequestLifecycleTest {

    static final OffsetDateTime LATER = T0.plusHours(2);

    /** The move made with valid arguments (a satisfied rating; an extension decision after one was asked for). */
    static Function<ServiceRequest, RequestStatus> make(Transition move) {
        return switch (move) {
            case ACCEPT -> r -> r.accept(LATER);
            case REJECT -> r -> r.reject("重复", LATER);
            case DISPATCH -> r -> r.dispatch(Tickets.TO_DEPARTMENT, null, LATER);
            case SIGN -> r -> r.sign(WORKER, LATER);
            case CLAIM -> r -> r.claim(WORKER, LATER);
            case RETURN -> r -> r.giveBack("不归我们管", LATER);
            case START -> r -> r.start(LATER);
            case RESOLVE -> r -> r.resolve(Outcome.ANSWERED, null, "已答复", null, LATER);
            case RATE -> r -> r.rate(4, null, LATER);
            case REOPEN -> r -> r.reopen("没修好", LATER);
            case WITHDRAW -> r -> r.withdraw(LATER);
            case CLOSE -> r -> r.closeUnrated(LATER);
            case ESCALATE -> r -> r.escalateTo(COMMUNITY, LATER);
            // the sweep's mark has no gate of its own on the aggregate: it marks what a status's clocks allow
            case OVERDUE -> r -> {
                r.markOverdue(LATER.plusDays(3));
                return r.status();
            };
            case REQUEST_EXTENSION -> r -> r.requestExtension(60, "等配件", "worker-1", LATER);
            case APPROVE_EXTENSION -> r -> {
                askExtensionIfAllowed(r);
                return r.approveExtension("admin-1", LATER);
            };
            case DENY_EXTENSION -> r -> {
                askExtensionIfAllowed(r);
                return r.denyExtension("admin-1", LATER);
            };
        };
    }

    private static void askExtensionIfAllowed(ServiceRequest r) {
        if (Transition.REQUEST_EXTENSION.allowedFrom(r.status())) {
            r.requestExtension(60, "等配件", "worker-1", T0.plusMinutes(30));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transition.class, mode = EnumSource.Mode.EXCLUDE, names = "OVERDUE")
    void everyMoveFromEveryState(Transition move) {
        for (RequestStatus status : RequestStatus.values()) {
            ServiceRequest ticket = Tickets.in(status);
            boolean allowed = TransitionTest.ALLOWED_FROM.get(move).contains(status);
            if (allowed) {
                RequestStatus left = make(move).apply(ticket);
                assertThat(left).as(move + " from " + status).isEqualTo(status);
                RequestStatus expected = move.keepsState() ? status
                        : move == Transition.RATE ? RequestStatus.CLOSED : move.to().iterator().next();
                assertThat(ticket.status()).as(move + " from " + status).isEqualTo(expected);
                assertThat(ticket.updatedAt()).isEqualTo(LATER);
            } else {
                OffsetDateTime before = ticket.updatedAt();
                Problems.refused(ProblemType.CONFLICT, "is " + status + "; " + move.verb() + " needs",
                        () -> make(move).apply(ticket));
                assertThat(ticket.status()).isEqualTo(status);
                assertThat(ticket.updatedAt()).isEqualTo(before);
            }
        }
    }

    @Test
    void submitRoutesToTheGridOrTheCommunityQueueAndNeedsSomewhereToGo() {
        ServiceRequest routed = Tickets.submitted();
        assertThat(routed.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(routed.gridNodeId()).isEqualTo(GRID.nodeId());
        assertThat(routed.escalation()).isEqualTo(new Escalation(GRID.nodeId(), GRID.path(), 0, true));
        assertThat(routed.photos()).containsExactly("https://img.example/1.jpg");
        assertThat(routed.submittedAt()).isEqualTo(T0);

        ServiceRequest queued = Tickets.submitted(RequestType.PROBLEM_REPORT, null);
        assertThat(queued.gridNodeId()).isNull();
        assertThat(queued.escalation().responsibleNodeId()).isNull();

        Submission nowhere = new Submission(RequestType.SERVICE, Channel.APP, "t", null, new TicketLocation(null,
                null, " "), new TicketDetails("service-other", null, null, null, Tickets.LIMITS, false), "c");
        Problems.refused(ProblemType.VALIDATION, "give coordinates, an address or a grid node",
                () -> ServiceRequest.submit(UUID.randomUUID(), nowhere, null, T0));
        assertThat(ServiceRequest.submit(UUID.randomUUID(), nowhere, GRID, T0).location().locates()).isFalse();
    }

    @Test
    void partsNeverReadAsNull() {
        ServiceRequest fresh = Tickets.submitted();
        assertThat(fresh.dispatch()).isEqualTo(Dispatch.NONE);
        assertThat(fresh.assignee()).isEqualTo(Assignee.NONE);
        assertThat(fresh.resolution()).isEqualTo(Resolution.NONE);
        assertThat(fresh.resolution().photos()).isEmpty();
        assertThat(fresh.rating()).isEqualTo(CitizenRating.NONE);
        assertThat(fresh.evaluation()).isEqualTo(WorkerEvaluation.NONE);
        assertThat(fresh.pendingExtension()).isEmpty();
        Submission bare = new Submission(RequestType.SERVICE, Channel.APP, "t", null, null,
                new TicketDetails("service-other", null, null, null, Tickets.LIMITS, false), "c");
        ServiceRequest minimal = ServiceRequest.submit(UUID.randomUUID(), bare, GRID, T0);
        assertThat(minimal.location()).isEqualTo(TicketLocation.NONE);
        assertThat(minimal.contact()).isEqualTo(Contact.NONE);
        assertThat(minimal.photos()).isEmpty();
    }

    @Test
    void aDispatchNamesItsTargetAndMovesTheTicketToAGrid() {
        ServiceRequest ticket = Tickets.in(RequestStatus.RETURNED);
        assertThat(ticket.assignee()).isEqualTo(Assignee.NONE);
        UUID team = UUID.randomUUID();
        ticket.dispatch(Dispatch.to(DispatchTarget.TEAM, team.toString(), "突击队"), null, LATER);
        assertThat(ticket.dispatch()).isEqualTo(new Dispatch(DispatchTarget.TEAM, team.toString(), "突击队", null, team));
        assertThat(ticket.sla().signDueAt()).isEqualTo(LATER.plusMinutes(120));
        ticket.sign(WORKER, LATER.plusMinutes(5));
        assertThat(ticket.assignee()).isEqualTo(WORKER);
        assertThat(ticket.dispatch().teamId()).isEqualTo(team);

        ServiceRequest moved = Tickets.in(RequestStatus.ACCEPTED);
        GridPlace other = new GridPlace(UUID.randomUUID(), "/d/s/c/h/");
        moved.dispatch(Dispatch.to(DispatchTarget.GRID, other.nodeId().toString(), null), other, LATER);
        assertThat(moved.gridNodeId()).isEqualTo(other.nodeId());
        assertThat(moved.gridPath()).isEqualTo(other.path());
        assertThat(moved.escalation().responsibleNodeId()).isEqualTo(other.nodeId());
    }

    @Test
    void aDispatchToAPersonNamesTheirRegistryIdAndOldLoginDispatchesAreKnown() {
        UUID person = UUID.randomUUID();
        assertThat(Dispatch.to(DispatchTarget.PERSON, person.toString(), "张三"))
                .isEqualTo(new Dispatch(DispatchTarget.PERSON, person.toString(), "张三", person, null));
        assertThat(Dispatch.to(DispatchTarget.PERSON, person.toString(), "张三").toLogin()).isFalse();
        assertThat(new Dispatch(DispatchTarget.PERSON, "worker-7", null, null, null).toLogin()).isTrue();
        assertThat(Dispatch.to(DispatchTarget.DEPARTMENT, null, "水务局").toLogin()).isFalse();
    }

    @Test
    void onlyMicroWishesAreClaimedAndAClaimCountsAsDispatchedToTheClaimant() {
        ServiceRequest report = Tickets.submitted(RequestType.PROBLEM_REPORT, GRID);
        report.accept(T0.plusMinutes(1));
        Problems.refused(ProblemType.CONFLICT, "is a PROBLEM_REPORT; only micro-wishes are claimed",
                () -> report.claim(WORKER, LATER));
        assertThat(report.status()).isEqualTo(RequestStatus.ACCEPTED);

        ServiceRequest wish = Tickets.in(RequestStatus.ACCEPTED);
        wish.claim(WORKER, LATER);
        assertThat(wish.dispatch()).isEqualTo(new Dispatch(DispatchTarget.PERSON, WORKER.personId().toString(),
                "王网格", WORKER.personId(), null));
        assertThat(wish.assignee()).isEqualTo(WORKER);
        assertThat(wish.sla().signedAt()).isEqualTo(LATER);

        ServiceRequest byLogin = Tickets.in(RequestStatus.ACCEPTED);
        byLogin.claim(new Assignee("volunteer-9", null, null), LATER);
        assertThat(byLogin.dispatch().targetId()).isEqualTo("volunteer-9");
        assertThat(byLogin.dispatch().toLogin()).isTrue();
    }

    @Test
    void movesThatNeedAReasonRefuseABlankOne() {
        Problems.refused(ProblemType.VALIDATION, "reason: say why", () -> Tickets.in(RequestStatus.SUBMITTED)
                .reject(" ", LATER));
        Problems.refused(ProblemType.VALIDATION, "reason: say why", () -> Tickets.in(RequestStatus.DISPATCHED)
                .giveBack(null, LATER));
        Problems.refused(ProblemType.VALIDATION, "reason: say why", () -> Tickets.in(RequestStatus.RESOLVED)
                .reopen("", LATER));
    }

    @Test
    void resolvingNamesADuplicateOnlyForDuplicateOf() {
        ServiceRequest ticket = Tickets.in(RequestStatus.IN_PROGRESS);
        UUID original = UUID.randomUUID();
        Problems.refused(ProblemType.VALIDATION, "name the ticket this one duplicates",
                () -> ticket.resolve(Outcome.DUPLICATE_OF, null, null, null, LATER));
        Problems.refused(ProblemType.VALIDATION, "only a DUPLICATE_OF outcome names a ticket",
                () -> ticket.resolve(Outcome.FIXED, original, null, null, LATER));
        Problems.refused(ProblemType.VALIDATION, "a ticket cannot duplicate itself",
                () -> ticket.resolve(Outcome.DUPLICATE_OF, ticket.id(), null, null, LATER));
        assertThat(ticket.status()).isEqualTo(RequestStatus.IN_PROGRESS);

        ticket.resolve(Outcome.DUPLICATE_OF, original, "同 1 号", "https://a/1.jpg\nhttps://a/2.jpg", LATER);
        assertThat(ticket.resolution()).isEqualTo(new Resolution(Outcome.DUPLICATE_OF, original, "同 1 号",
                "https://a/1.jpg\nhttps://a/2.jpg", LATER));
        assertThat(ticket.resolution().photos()).containsExactly("https://a/1.jpg", "https://a/2.jpg");
    }

    @Test
    void closingMovesRecordWhenTheTicketEnded() {
        for (RequestStatus end : EnumSet.of(RequestStatus.REJECTED, RequestStatus.WITHDRAWN, RequestStatus.CLOSED)) {
            assertThat(Tickets.in(end).closedAt()).as(end.name()).isNotNull();
        }
        ServiceRequest unrated = Tickets.in(RequestStatus.RESOLVED);
        assertThat(unrated.closedAt()).isNull();
        unrated.closeUnrated(LATER);
        assertThat(unrated.closedAt()).isEqualTo(LATER);
        assertThat(unrated.rating().rated()).isFalse();
    }

    @Test
    void theWorkerEvaluatesOnlyResolvedOrClosedTickets() {
        for (RequestStatus status : RequestStatus.values()) {
            ServiceRequest ticket = Tickets.in(status);
            if (status == RequestStatus.RESOLVED || status == RequestStatus.CLOSED) {
                ticket.evaluateOutcome(4, "及时", "worker-1", LATER);
                assertThat(ticket.evaluation()).isEqualTo(new WorkerEvaluation((short) 4, "及时", "worker-1"));
            } else {
                Problems.refused(ProblemType.CONFLICT, "its outcome is evaluated once RESOLVED or CLOSED",
                        () -> ticket.evaluateOutcome(4, null, "worker-1", LATER));
            }
        }
        Problems.refused(ProblemType.VALIDATION, "score: must be 1 to 5",
                () -> Tickets.in(RequestStatus.RESOLVED).evaluateOutcome(6, null, "worker-1", LATER));
        Problems.refused(ProblemType.VALIDATION, "score: must be 1 to 5",
                () -> Tickets.in(RequestStatus.RESOLVED).evaluateOutcome(0, null, "worker-1", LATER));
    }

    @Test
    void theReporterIsKnownBySubject() {
        ServiceRequest ticket = Tickets.submitted();
        assertThat(ticket.reportedBy("citizen-1")).isTrue();
        assertThat(ticket.reportedBy("citizen-2")).isFalse();
    }
}
