package cn.grid.notification.app.rules;

import cn.grid.contracts.events.grid.RegistrationReviewedV1;
import cn.grid.contracts.events.grid.RegistrationSubmittedV1;
import cn.grid.contracts.events.request.RequestEscalatedV1;
import cn.grid.contracts.events.request.RequestOverdueV1;
import cn.grid.contracts.events.request.RequestSubmittedV1;
import cn.grid.contracts.events.request.RequestTransitionedV1;
import cn.grid.contracts.events.study.LectureOrderAcceptedV1;
import cn.grid.contracts.events.study.LectureOrderDeclinedV1;
import cn.grid.contracts.events.study.LectureOrderPlacedV1;
import cn.grid.contracts.events.study.ReflectionReviewedV1;
import cn.grid.contracts.events.study.ReflectionSubmittedV1;
import cn.grid.notification.domain.NotificationDraft;
import cn.grid.notification.domain.Recipient;
import cn.grid.notification.domain.Ticket;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of WhoMustKnow: who is told, who is not (the actor), and what they read. */
class WhoMustKnowTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-25T08:00:00Z");

    private final FakeDirectory directory = new FakeDirectory();
    private final WhoMustKnow rules = new WhoMustKnow(directory);

    private final UUID grid = UUID.randomUUID();
    private final String gridPath = "/root/" + grid + "/";
    private final UUID request = UUID.randomUUID();
    private final Ticket ticket = new Ticket(request, "PROBLEM_REPORT", "楼道灯不亮", "citizen-1", grid);

    // ---- request.events ----

    @Test
    void aSubmittedTicketTellsTheStaffOfItsGrid() {
        directory.paths.put(grid, gridPath);
        Recipient worker = directory.person("worker-1");
        Recipient head = directory.person("head-1");
        directory.staffAt.put(gridPath, List.of(worker, head));

        List<NotificationDraft> drafts = rules.requestSubmitted(new RequestSubmittedV1(request.toString(),
                "PROBLEM_REPORT", "楼道灯不亮", grid.toString(), "citizen-1", AT));

        assertThat(recipients(drafts)).containsExactly(worker, head);
        NotificationDraft first = drafts.get(0);
        assertThat(first.kind()).isEqualTo("request.submitted");
        assertThat(first.title()).isEqualTo("新工单待受理：楼道灯不亮");
        assertThat(first.resourceType()).isEqualTo("request");
        assertThat(first.resourceId()).isEqualTo(request.toString());
        assertThat(first.gridNodeId()).isEqualTo(grid);
    }

    @Test
    void aTicketWithoutATitleIsNamedByItsId() {
        Recipient worker = directory.person("worker-1");
        directory.staffAt.put("null", List.of(worker));
        String id = request.toString();
        assertThat(rules.requestSubmitted(new RequestSubmittedV1(id, "PROBLEM_REPORT", null, null, "citizen-1", AT))
                .get(0).title()).isEqualTo("新工单待受理：工单 " + id.substring(0, 8));
        Ticket untitled = new Ticket(request, "PROBLEM_REPORT", "", "citizen-1", null);
        assertThat(rules.requestMoved("accepted", moved("accepted", "worker-1", null, null, null), untitled).get(0)
                .title()).isEqualTo("您的诉求已受理：工单 " + id.substring(0, 8));
    }

    @Test
    void aTicketWithoutAGridGoesToTheStaffNearestTheTop() {
        Recipient top = directory.person("district-worker");
        directory.staffAt.put("null", List.of(top));

        assertThat(recipients(rules.requestSubmitted(new RequestSubmittedV1(request.toString(), "PROBLEM_REPORT",
                "无网格的诉求", null, "citizen-1", AT)))).containsExactly(top);
    }

    @Test
    void aStaffMemberReportingATicketIsNotToldOfIt() {
        directory.paths.put(grid, gridPath);
        Recipient worker = directory.person("worker-1");
        Recipient other = directory.person("worker-2");
        directory.staffAt.put(gridPath, List.of(worker, other));

        assertThat(recipients(rules.requestSubmitted(new RequestSubmittedV1(request.toString(), "PROBLEM_REPORT",
                "t", grid.toString(), "worker-1", AT)))).containsExactly(other);
    }

    @Test
    void aDispatchTellsThePersonItWentToButNotWhoDispatched() {
        UUID assignee = UUID.randomUUID();
        List<NotificationDraft> drafts = rules.requestMoved("dispatched",
                moved("dispatched", "worker-1", assignee.toString(), null, null), ticket);

        assertThat(recipients(drafts)).containsExactly(Recipient.person(assignee));
        assertThat(drafts.get(0).kind()).isEqualTo("request.dispatched");
        assertThat(drafts.get(0).title()).isEqualTo("新工单派给您：楼道灯不亮");

        Recipient dispatcher = directory.person("worker-1");
        assertThat(rules.requestMoved("dispatched", moved("dispatched", "worker-1",
                personIdOf(dispatcher), null, null), ticket)).isEmpty();
    }

    @Test
    void aDispatchToATeamTellsEveryActiveMember() {
        UUID team = UUID.randomUUID();
        Recipient a = directory.person("member-a");
        Recipient b = directory.person("member-b");
        Recipient lead = directory.person("team-lead");
        directory.teams.put(team, List.of(a, b, lead));

        // the team lead dispatched it to their own team: the others hear of it
        assertThat(recipients(rules.requestMoved("dispatched", moved("dispatched", "team-lead", null, team.toString(),
                null), ticket))).containsExactly(a, b);
    }

    @Test
    void eventsFromBeforeDispatchIdsNameTheTargetByTypeAndId() {
        UUID person = UUID.randomUUID();
        RequestTransitionedV1 old = new RequestTransitionedV1("cn.grid.request.dispatched.v1", request.toString(),
                "PROBLEM_REPORT", "DISPATCH", "ACCEPTED", "DISPATCHED", "worker-1", null, grid.toString(), gridPath,
                null, "PERSON", person.toString(), null, null, null, AT, null, null, null);
        assertThat(recipients(rules.requestMoved("dispatched", old, ticket))).containsExactly(Recipient.person(person));
    }

    @Test
    void aReturnedTicketTellsTheGridStaff() {
        Recipient head = directory.person("head-1");
        Recipient returner = directory.person("member-x");
        directory.staffAt.put(gridPath, List.of(head, returner));

        List<NotificationDraft> drafts = rules.requestMoved("returned", moved("returned", "member-x", null, null,
                null), ticket);
        assertThat(recipients(drafts)).containsExactly(head);
        assertThat(drafts.get(0).kind()).isEqualTo("request.returned");
        assertThat(drafts.get(0).body()).contains("不在我的范围");
    }

    @Test
    void theCitizenHearsOfEachStepTheySee() {
        for (String move : List.of("accepted", "rejected", "resolved", "closed", "withdrawn")) {
            List<NotificationDraft> drafts = rules.requestMoved(move, moved(move, "worker-1", null, null, null),
                    ticket);
            assertThat(recipients(drafts)).as(move).containsExactly(Recipient.subject("citizen-1"));
            assertThat(drafts.get(0).kind()).isEqualTo("request." + move);
        }
        assertThat(rules.requestMoved("resolved", moved("resolved", "worker-1", null, null, null), ticket).get(0)
                .title()).isEqualTo("您的诉求已办结，请评价：楼道灯不亮");
        // the citizen who withdrew it themselves is not told
        assertThat(rules.requestMoved("withdrawn", moved("withdrawn", "citizen-1", null, null, null), ticket))
                .isEmpty();
        // a ticket this service never saw submitted: nobody known to tell
        assertThat(rules.requestMoved("accepted", moved("accepted", "worker-1", null, null, null), null)).isEmpty();
        // moves nobody needs to hear of
        assertThat(rules.requestMoved("signed", moved("signed", "worker-1", null, null, null), ticket)).isEmpty();
    }

    @Test
    void aReporterKnownToTheRegistryIsToldAsTheirPerson() {
        Recipient member = directory.person("citizen-1");
        assertThat(recipients(rules.requestMoved("accepted", moved("accepted", "worker-1", null, null, null),
                ticket))).containsExactly(member);
    }

    @Test
    void aClaimedMicroWishTellsTheWisherAndAClaimantWhoDidNotClaimItThemselves() {
        Ticket wish = new Ticket(request, "MICRO_WISH", "想要一套课外书", "citizen-1", grid);
        Recipient claimant = directory.person("party-member-1");
        RequestTransitionedV1 claim = new RequestTransitionedV1("cn.grid.request.claimed.v1", request.toString(),
                "MICRO_WISH", "CLAIM", "ACCEPTED", "SIGNED", "party-member-1", null, grid.toString(), gridPath,
                "party-member-1", "PERSON", personIdOf(claimant), null, null, null, AT, personIdOf(claimant), null,
                personIdOf(claimant));

        List<NotificationDraft> drafts = rules.requestMoved("claimed", claim, wish);
        assertThat(recipients(drafts)).containsExactly(Recipient.subject("citizen-1"));
        assertThat(drafts.get(0).title()).isEqualTo("您的微心愿已被认领：想要一套课外书");

        RequestTransitionedV1 onBehalf = new RequestTransitionedV1("cn.grid.request.claimed.v1",
                request.toString(), "MICRO_WISH", "CLAIM", "ACCEPTED", "SIGNED", "worker-1", null, grid.toString(),
                gridPath, "party-member-1", "PERSON", personIdOf(claimant), null, null, null, AT,
                personIdOf(claimant), null, personIdOf(claimant));
        assertThat(rules.requestMoved("claimed", onBehalf, wish)).extracting(NotificationDraft::recipient,
                NotificationDraft::kind).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Recipient.subject("citizen-1"), "request.claimed"),
                        org.assertj.core.groups.Tuple.tuple(claimant, "request.claimed-by-you"));
    }

    @Test
    void anOverdueTicketTellsTheResponsibleStaffAndWhoeverHoldsIt() {
        directory.paths.put(grid, gridPath);
        Recipient worker = directory.person("worker-1");
        Recipient holder = directory.person("member-y");
        directory.staffAt.put(gridPath, List.of(worker));

        List<NotificationDraft> drafts = rules.requestOverdue(new RequestOverdueV1(request.toString(),
                "PROBLEM_REPORT", "water-pipe", "SIGN", AT, "DISPATCHED", grid.toString(), gridPath,
                grid.toString(), "member-y", AT), ticket);
        assertThat(recipients(drafts)).containsExactly(worker, holder);
        assertThat(drafts.get(0).kind()).isEqualTo("request.overdue");
        assertThat(drafts.get(0).title()).isEqualTo("工单已超时：楼道灯不亮");
        assertThat(drafts.get(0).body()).startsWith("签收时限 2026-11-25 16:00");
    }

    @Test
    void anEscalationTellsTheNextLevelsStaff() {
        UUID root = UUID.randomUUID();
        String upper = "/" + root + "/";
        Recipient street = directory.person("street-worker");
        directory.staffAt.put(upper, List.of(street));

        List<NotificationDraft> drafts = rules.requestEscalated(new RequestEscalatedV1(request.toString(),
                "PROBLEM_REPORT", "water-pipe", "DISPATCHED", grid.toString(), root.toString(), upper, 1, true, "sla",
                "SIGN overdue", AT), ticket);
        assertThat(recipients(drafts)).containsExactly(street);
        assertThat(drafts.get(0).kind()).isEqualTo("request.escalated");
        assertThat(drafts.get(0).body()).startsWith("超时自动上报");
    }

    // ---- study.events ----

    @Test
    void aLectureOrderTellsTheSpeaker() {
        Recipient speaker = directory.person("speaker-1");
        List<NotificationDraft> drafts = rules.lectureOrderPlaced(new LectureOrderPlacedV1(UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "新时代党建微课", UUID.randomUUID().toString(), grid.toString(),
                "speaker-1", null, AT, "社区党群服务中心", "secretary-1", AT));
        assertThat(recipients(drafts)).containsExactly(speaker);
        assertThat(drafts.get(0).kind()).isEqualTo("lecture-order.placed");
        assertThat(drafts.get(0).resourceType()).isEqualTo("lecture-order");
        assertThat(drafts.get(0).body()).contains("社区党群服务中心");
    }

    @Test
    void aDeclinedOrderTellsTheBranchSecretaryAndWhoPlacedIt() {
        UUID org = UUID.randomUUID();
        Recipient secretary = directory.person("secretary-1");
        Recipient placer = directory.person("committee-1");
        directory.secretaries.put(org, List.of(secretary));

        List<NotificationDraft> drafts = rules.lectureOrderDeclined(new LectureOrderDeclinedV1(
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), "微课", org.toString(), grid.toString(),
                "speaker-1", "时间冲突", "committee-1", AT));
        assertThat(recipients(drafts)).containsExactly(secretary, placer);
        assertThat(drafts.get(0).body()).contains("时间冲突");
    }

    @Test
    void anAcceptedOrderTellsTheBranchMembersButNotTheSpeaker() {
        UUID org = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Recipient a = directory.person("member-a");
        Recipient speaker = directory.person("speaker-1");
        directory.members.put(org, List.of(a, speaker));

        List<NotificationDraft> drafts = rules.lectureOrderAccepted(new LectureOrderAcceptedV1(
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), "微课", org.toString(), "speaker-1",
                session.toString(), grid.toString(), AT, AT));
        assertThat(recipients(drafts)).containsExactly(a);
        assertThat(drafts.get(0).kind()).isEqualTo("study-session.scheduled");
        assertThat(drafts.get(0).resourceType()).isEqualTo("study-session");
        assertThat(drafts.get(0).resourceId()).isEqualTo(session.toString());
    }

    @Test
    void aSubmittedReflectionTellsItsReviewersAndAReviewTellsTheAuthor() {
        UUID org = UUID.randomUUID();
        UUID reflection = UUID.randomUUID();
        Recipient secretary = directory.person("secretary-1");
        Recipient author = directory.person("member-a");
        // an author who is also an administrator of the organisation does not review their own
        directory.reflectionReviewers.put(org, List.of(secretary, author));

        List<NotificationDraft> submitted = rules.reflectionSubmitted(new ReflectionSubmittedV1(reflection.toString(),
                "member-a", personIdOf(author), org.toString(), null, null, AT));
        assertThat(recipients(submitted)).containsExactly(secretary);
        assertThat(submitted.get(0).kind()).isEqualTo("reflection.submitted");

        List<NotificationDraft> returned = rules.reflectionReviewed(new ReflectionReviewedV1(reflection.toString(),
                "member-a", personIdOf(author), org.toString(), null, null, "RETURNED", "secretary-1", AT));
        assertThat(recipients(returned)).containsExactly(author);
        assertThat(returned.get(0).kind()).isEqualTo("reflection.returned");
        assertThat(rules.reflectionReviewed(new ReflectionReviewedV1(reflection.toString(), "member-a",
                personIdOf(author), org.toString(), null, null, "APPROVED", "secretary-1", AT)).get(0).kind())
                .isEqualTo("reflection.approved");
    }

    // ---- grid.events ----

    @Test
    void aRegistrationTellsItsReviewersAndTheDecisionTellsTheMember() {
        UUID registration = UUID.randomUUID();
        Recipient worker = directory.person("worker-1");
        directory.registrationReviewers.put(gridPath, List.of(worker));

        List<NotificationDraft> submitted = rules.registrationSubmitted(new RegistrationSubmittedV1(
                registration.toString(), UUID.randomUUID().toString(), "member-new", "张三", grid.toString(),
                gridPath, "区财政局", AT));
        assertThat(recipients(submitted)).containsExactly(worker);
        assertThat(submitted.get(0).title()).isEqualTo("居住地报到待审核：张三");
        assertThat(submitted.get(0).body()).contains("双报到");

        // the member has no current grant yet: told as their login, which is the inbox they read
        List<NotificationDraft> rejected = rules.registrationReviewed(new RegistrationReviewedV1(
                registration.toString(), UUID.randomUUID().toString(), "member-new", "张三", grid.toString(),
                gridPath, "REJECTED", "不在本网格居住", null, "worker-1", AT));
        assertThat(recipients(rejected)).containsExactly(Recipient.subject("member-new"));
        assertThat(rejected.get(0).kind()).isEqualTo("registration.rejected");
        assertThat(rejected.get(0).body()).contains("不在本网格居住");

        List<NotificationDraft> withdrawn = rules.registrationReviewed(new RegistrationReviewedV1(
                registration.toString(), UUID.randomUUID().toString(), "member-new", "张三", grid.toString(),
                gridPath, "WITHDRAWN", null, null, "member-new", AT));
        assertThat(recipients(withdrawn)).containsExactly(worker);
        assertThat(withdrawn.get(0).kind()).isEqualTo("registration.withdrawn");
    }

    @Test
    void nobodyIsToldTwiceByOneRule() {
        Recipient worker = directory.person("worker-1");
        directory.staffAt.put(gridPath, List.of(worker, worker));
        assertThat(rules.requestMoved("returned", moved("returned", "member-x", null, null, null), ticket))
                .hasSize(1);
    }

    private RequestTransitionedV1 moved(String move, String actor, String dispatchPersonId, String dispatchTeamId,
            String assignee) {
        return new RequestTransitionedV1("cn.grid.request." + move + ".v1", request.toString(), "PROBLEM_REPORT",
                move.toUpperCase(), "ACCEPTED", "X", actor, "不在我的范围", grid.toString(), gridPath, assignee,
                null, null, "已修好", null, null, AT, dispatchPersonId, dispatchTeamId, null);
    }

    private static String personIdOf(Recipient person) {
        return person.key().substring("person:".length());
    }

    private static List<Recipient> recipients(List<NotificationDraft> drafts) {
        return drafts.stream().map(NotificationDraft::recipient).toList();
    }
}
