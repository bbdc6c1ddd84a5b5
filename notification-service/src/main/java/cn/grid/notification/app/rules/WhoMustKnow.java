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
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who must know, event by event: the one place that turns what happened into whom to tell and what to say. One
 * method per event type; each returns the drafts for {@code InboxWriter} (empty: nobody). The people come from the
 * {@link Directory} (the grid read models), the ticket's reporter and title from the {@link Ticket} remembered at
 * submission. Whoever caused the event (its {@code actor}, the speaker who answered, the reviewer, the member who
 * wrote or applied) is never told of their own action. Texts are in Chinese, as the apps show them; the table of
 * rules and kinds is in the service's README.
 */
@ApplicationScoped
public class WhoMustKnow {

    static final String REQUEST = "request";
    static final String LECTURE_ORDER = "lecture-order";
    static final String STUDY_SESSION = "study-session";
    static final String REFLECTION = "reflection";
    static final String REGISTRATION = "registration";

    /** Times in texts are the grids' local time. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final Directory directory;

    public WhoMustKnow(Directory directory) {
        this.directory = directory;
    }

    // ---- request.events ----------------------------------------------------------------------------------------

    /** A ticket came in: the staff of its grid (of the nearest level that has any; the community queue: the top). */
    public List<NotificationDraft> requestSubmitted(RequestSubmittedV1 e) {
        UUID grid = uuid(e.gridNodeId());
        String path = grid == null ? null : directory.nodePath(grid);
        return drafts(without(directory.gridStaffNearest(path), e.reporterId()), "request.submitted",
                "新工单待受理：" + titleOf(e.title(), e.requestId()), "类型：" + typeName(e.type()) + "，请及时受理。", REQUEST,
                e.requestId(), grid);
    }

    /**
     * A ticket moved. Dispatched: the person, or every active member of the team, it went to. Returned: the staff
     * of its grid. Accepted, rejected, resolved (please rate), closed, withdrawn: the citizen who reported it.
     * Claimed (a micro-wish): the wisher and the claimant. Other moves tell nobody.
     */
    public List<NotificationDraft> requestMoved(String move, RequestTransitionedV1 e, Ticket ticket) {
        String title = titleOf(ticket == null ? null : ticket.title(), e.requestId());
        UUID grid = uuid(e.gridNodeId());
        return switch (move) {
            case "dispatched" -> drafts(without(dispatchedTo(e), e.actor()), "request.dispatched",
                    "新工单派给您：" + title, "请及时签收办理。", REQUEST, e.requestId(), grid);
            case "returned" -> drafts(without(directory.gridStaffNearest(e.gridPath()), e.actor()),
                    "request.returned", "工单被退回：" + title,
                    "退回原因：" + orNone(e.reason()) + "。请重新派单或处理。", REQUEST, e.requestId(), grid);
            case "accepted" -> toReporter(ticket, e, "request.accepted", "您的诉求已受理：" + title,
                    "工作人员正在安排处理，请留意进展。");
            case "rejected" -> toReporter(ticket, e, "request.rejected", "您的诉求未予受理：" + title,
                    "原因：" + orNone(e.reason()) + "。");
            case "resolved" -> toReporter(ticket, e, "request.resolved", "您的诉求已办结，请评价：" + title,
                    "办理结果：" + orNone(e.outcome()) + "。欢迎对办理情况进行评价。");
            case "closed" -> toReporter(ticket, e, "request.closed", "您的诉求已关闭：" + title,
                    "感谢您的反映。");
            case "withdrawn" -> toReporter(ticket, e, "request.withdrawn", "您的诉求已撤回：" + title,
                    "原因：" + orNone(e.reason()) + "。");
            case "claimed" -> claimed(e, ticket, title, grid);
            default -> List.of();
        };
    }

    /** A ticket's clock ran out: the staff answering for it (its responsible level) and whoever holds it. */
    public List<NotificationDraft> requestOverdue(RequestOverdueV1 e, Ticket ticket) {
        String title = titleOf(ticket == null ? null : ticket.title(), e.requestId());
        UUID responsible = uuid(e.responsibleNodeId());
        String path = responsible == null ? null : directory.nodePath(responsible);
        if (path == null) {
            path = e.gridPath();
        }
        List<Recipient> told = new ArrayList<>(directory.gridStaffNearest(path));
        add(told, directory.personOrLogin(e.assignee()));
        return drafts(told, "request.overdue", "工单已超时：" + title,
                stageName(e.stage()) + "时限 " + when(e.dueAt()) + " 已过，请尽快处理。", REQUEST, e.requestId(),
                uuid(e.gridNodeId()));
    }

    /** The level above now answers for a ticket: its staff (of the nearest level that has any). */
    public List<NotificationDraft> requestEscalated(RequestEscalatedV1 e, Ticket ticket) {
        String title = titleOf(ticket == null ? null : ticket.title(), e.requestId());
        String why = e.automatic() ? "超时自动上报" : "上报原因：" + orNone(e.reason());
        return drafts(without(directory.gridStaffNearest(e.toNodePath()), e.actor()), "request.escalated",
                "工单已上报至本级：" + title, why + "。请督办处理。", REQUEST, e.requestId(), uuid(e.toNodeId()));
    }

    private List<Recipient> dispatchedTo(RequestTransitionedV1 e) {
        String person = e.dispatchPersonId();
        String team = e.dispatchTeamId();
        // events from before issue 18 name the target only as dispatchTargetType/Id
        if (person == null && team == null && e.dispatchTargetId() != null) {
            if ("PERSON".equals(e.dispatchTargetType())) {
                person = e.dispatchTargetId();
            } else if ("TEAM".equals(e.dispatchTargetType())) {
                team = e.dispatchTargetId();
            }
        }
        if (person != null) {
            return List.of(Recipient.person(UUID.fromString(person)));
        }
        if (team != null) {
            return directory.teamMembers(UUID.fromString(team));
        }
        return List.of();
    }

    private List<NotificationDraft> claimed(RequestTransitionedV1 e, Ticket ticket, String title, UUID grid) {
        List<NotificationDraft> drafts = new ArrayList<>();
        if (ticket != null) {
            drafts.addAll(drafts(without(List.of(directory.personOrLogin(ticket.reporterSubject())), e.actor()),
                    "request.claimed", "您的微心愿已被认领：" + title, "认领人会与您联系，请保持电话畅通。", REQUEST,
                    e.requestId(), grid));
        }
        Recipient claimant = who(e.assignee(), e.assigneePersonId());
        // today the claimant is always the one who claimed (the actor), who is not told of their own claim
        drafts.addAll(drafts(without(claimant == null ? List.of() : List.of(claimant), e.actor()),
                "request.claimed-by-you", "微心愿由您认领：" + title, "请与心愿人联系，按时完成。", REQUEST,
                e.requestId(), grid));
        return drafts;
    }

    private List<NotificationDraft> toReporter(Ticket ticket, RequestTransitionedV1 e, String kind, String title,
            String body) {
        if (ticket == null) {
            // submitted before this service listened: nobody knows whom to tell
            return List.of();
        }
        List<Recipient> reporter = new ArrayList<>();
        add(reporter, directory.personOrLogin(ticket.reporterSubject()));
        return drafts(without(reporter, e.actor()), kind, title, body, REQUEST, e.requestId(),
                uuid(e.gridNodeId()));
    }

    // ---- study.events ------------------------------------------------------------------------------------------

    /** A branch ordered a micro-lecture: the speaker, who is to accept or decline it. */
    public List<NotificationDraft> lectureOrderPlaced(LectureOrderPlacedV1 e) {
        Recipient speaker = who(e.speakerSubject(), e.speakerPersonId());
        List<Recipient> told = new ArrayList<>();
        add(told, speaker);
        return drafts(without(told, e.placedBy()), "lecture-order.placed", "新的微党课点单：" + e.title(),
                "时间：" + when(e.wantedAt()) + "，地点：" + orNone(e.place()) + "。请接单或谢绝。", LECTURE_ORDER,
                e.orderId(), uuid(e.gridNodeId()));
    }

    /** The speaker declined: the ordering branch's secretary and whoever placed the order. */
    public List<NotificationDraft> lectureOrderDeclined(LectureOrderDeclinedV1 e) {
        List<Recipient> told = new ArrayList<>(directory.orgSecretaries(UUID.fromString(e.orgId())));
        add(told, directory.personOrLogin(e.placedBy()));
        return drafts(without(told, e.speakerSubject()), "lecture-order.declined", "微党课点单被谢绝：" + e.title(),
                "原因：" + orNone(e.reason()) + "。可另行点单。", LECTURE_ORDER, e.orderId(), uuid(e.gridNodeId()));
    }

    /** The speaker accepted: the lecture is a scheduled session; every current member of the branch. */
    public List<NotificationDraft> lectureOrderAccepted(LectureOrderAcceptedV1 e) {
        return drafts(without(directory.orgMembers(UUID.fromString(e.orgId())), e.speakerSubject()),
                "study-session.scheduled", "微党课已排期：" + e.title(),
                "时间：" + when(e.startsAt()) + "，请准时参加。", STUDY_SESSION, e.sessionId(), uuid(e.gridNodeId()));
    }

    /** A reflection waits for review: its reviewers (the organisation's administrators, or the nearest above). */
    public List<NotificationDraft> reflectionSubmitted(ReflectionSubmittedV1 e) {
        List<Recipient> reviewers = directory.reflectionReviewers(UUID.fromString(e.orgId()));
        return drafts(without(reviewers, e.memberSubject()), "reflection.submitted", "心得体会待审核",
                "有一篇新的心得体会等待您审核。", REFLECTION, e.reflectionId(), null);
    }

    /** A reflection was approved or returned: its author. */
    public List<NotificationDraft> reflectionReviewed(ReflectionReviewedV1 e) {
        List<Recipient> author = new ArrayList<>();
        add(author, who(e.memberSubject(), e.personId()));
        boolean approved = "APPROVED".equals(e.state());
        return drafts(without(author, e.reviewedBy()), approved ? "reflection.approved" : "reflection.returned",
                approved ? "您的心得体会已通过审核" : "您的心得体会被退回修改",
                approved ? "感谢您的认真学习。" : "请根据审核意见修改后重新提交。", REFLECTION, e.reflectionId(), null);
    }

    // ---- grid.events -------------------------------------------------------------------------------------------

    /** A member asked to be registered at their grid of residence: the reviewers over that grid. */
    public List<NotificationDraft> registrationSubmitted(RegistrationSubmittedV1 e) {
        String path = e.gridPath() != null ? e.gridPath() : directory.nodePath(UUID.fromString(e.gridNodeId()));
        String who = e.personName() != null ? e.personName() : "一名党员";
        String body = e.workOrganisation() != null ? "双报到，工作单位：" + e.workOrganisation() + "。请审核。"
                : "请审核。";
        return drafts(without(directory.registrationReviewers(path), e.subject()), "registration.submitted",
                "居住地报到待审核：" + who, body, REGISTRATION, e.registrationId(), uuid(e.gridNodeId()));
    }

    /**
     * A registration was decided: the member (approved, rejected with the reason). Withdrawn by the member: the
     * reviewers, whose queue it leaves.
     */
    public List<NotificationDraft> registrationReviewed(RegistrationReviewedV1 e) {
        UUID grid = uuid(e.gridNodeId());
        if ("WITHDRAWN".equals(e.decision())) {
            String path = e.gridPath() != null ? e.gridPath() : directory.nodePath(grid);
            String who = e.personName() != null ? e.personName() : "一名党员";
            return drafts(without(directory.registrationReviewers(path), e.reviewedBy()), "registration.withdrawn",
                    "居住地报到申请已撤回：" + who, "无需再审核。", REGISTRATION, e.registrationId(), grid);
        }
        List<Recipient> member = new ArrayList<>();
        add(member, who(e.subject(), e.personId()));
        boolean approved = "APPROVED".equals(e.decision());
        return drafts(without(member, e.reviewedBy()), approved ? "registration.approved" : "registration.rejected",
                approved ? "居住地报到已通过" : "居住地报到未通过",
                approved ? "欢迎参加所在网格的活动。" : "原因：" + orNone(e.reason()) + "。", REGISTRATION,
                e.registrationId(), grid);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /**
     * The recipients without whoever acted: their login, and the person the read models know for it (the login
     * alone would miss them, since the rules address persons).
     */
    List<Recipient> without(List<Recipient> recipients, String actorSubject) {
        if (actorSubject == null || actorSubject.isBlank()) {
            return recipients;
        }
        Set<Recipient> actor = new HashSet<>();
        actor.add(Recipient.subject(actorSubject));
        add(actor, directory.personOrLogin(actorSubject));
        return recipients.stream().filter(r -> !actor.contains(r)).toList();
    }

    /**
     * Whom to address for someone an event names by login and person id. The login decides when there is one: the
     * directory gives its person exactly when the caller's registry rights would (a current grant), so the
     * notification lands in the inbox that login reads; the event's person id only when no login is named.
     */
    private Recipient who(String subject, String personId) {
        if (subject != null && !subject.isBlank()) {
            return directory.personOrLogin(subject);
        }
        return personId == null || personId.isBlank() ? null : Recipient.person(UUID.fromString(personId));
    }

    private static List<NotificationDraft> drafts(List<Recipient> recipients, String kind, String title, String body,
            String resourceType, String resourceId, UUID gridNodeId) {
        return new LinkedHashSet<>(recipients).stream()
                .map(r -> new NotificationDraft(r, kind, title, body, resourceType, resourceId, gridNodeId))
                .toList();
    }

    private static void add(Collection<Recipient> list, Recipient recipient) {
        if (recipient != null) {
            list.add(recipient);
        }
    }

    private static UUID uuid(String id) {
        return id == null || id.isBlank() ? null : UUID.fromString(id);
    }

    /** A ticket's title, or "工单 <first 8 characters of its id>" when it has none (or is unknown here). */
    private static String titleOf(String title, String requestId) {
        return title == null || title.isBlank() ? "工单 " + shortId(requestId) : title;
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String orNone(String text) {
        return text == null || text.isBlank() ? "未说明" : text;
    }

    private static String when(OffsetDateTime time) {
        return time == null ? "待定" : WHEN.format(time);
    }

    private static String typeName(String type) {
        if (type == null) {
            return "诉求";
        }
        return switch (type) {
            case "PROBLEM_REPORT" -> "问题反映";
            case "MICRO_WISH" -> "微心愿";
            case "SERVICE" -> "服务申请";
            case "DISPUTE" -> "矛盾纠纷";
            case "CONSULTATION" -> "咨询";
            default -> type;
        };
    }

    private static String stageName(String stage) {
        if (stage == null) {
            return "办理";
        }
        return switch (stage) {
            case "RESPOND" -> "受理";
            case "SIGN" -> "签收";
            case "RESOLVE" -> "办结";
            default -> stage;
        };
    }
}
