package cn.grid.contracts.events;

import java.util.List;

/**
 * Every event type of the suite, with its topic. This module's resources {@code events/} hold a JSON Schema and an
 * example of each ({@code <type without cn.grid.>.schema.json}, {@code .example.json}).
 */
public final class EventTypes {

    public static final String GRID_TOPIC = "grid.events";
    public static final String STUDY_TOPIC = "study.events";
    public static final String REQUEST_TOPIC = "request.events";
    public static final String NOTIFICATION_TOPIC = "notification.events";

    public static final String GRID_NODE_CREATED = "cn.grid.grid.node.created.v1";
    public static final String GRID_NODE_UPDATED = "cn.grid.grid.node.updated.v1";
    public static final String GRID_NODE_MOVED = "cn.grid.grid.node.moved.v1";
    public static final String GRID_NODE_RETIRED = "cn.grid.grid.node.retired.v1";
    public static final String GRID_BOUNDARY_CHANGED = "cn.grid.grid.boundary.changed.v1";
    public static final String ASSIGNMENT_STARTED = "cn.grid.grid.assignment.started.v1";
    public static final String ASSIGNMENT_ENDED = "cn.grid.grid.assignment.ended.v1";
    public static final String PARTY_MEMBER_REGISTERED = "cn.grid.grid.party-member.registered.v1";
    public static final String PARTY_MEMBER_UNREGISTERED = "cn.grid.grid.party-member.unregistered.v1";
    public static final String PARTY_ORG_CREATED = "cn.grid.grid.party-org.created.v1";
    public static final String PARTY_ORG_CHANGED = "cn.grid.grid.party-org.changed.v1";
    public static final String PARTY_ORG_MEMBERSHIP_CHANGED = "cn.grid.grid.party-org.membership-changed.v1";
    public static final String TEAM_CHANGED = "cn.grid.grid.team.changed.v1";
    public static final String REGISTRATION_SUBMITTED = "cn.grid.grid.registration.submitted.v1";
    public static final String REGISTRATION_REVIEWED = "cn.grid.grid.registration.reviewed.v1";
    /**
     * notification-service (topic {@code notification.events}): a webhook subscription was disabled after its
     * deliveries kept failing for the whole retry schedule.
     */
    public static final String NOTIFICATION_WEBHOOK_DISABLED = "cn.grid.notification.webhook.disabled.v1";
    public static final String REQUEST_SUBMITTED = "cn.grid.request.submitted.v1";
    public static final String REQUEST_OVERDUE = "cn.grid.request.overdue.v1";
    public static final String REQUEST_ESCALATED = "cn.grid.request.escalated.v1";
    /**
     * The lifecycle moves announced as {@code RequestTransitionedV1}, each under its own type
     * {@code cn.grid.request.<move>.v1} ({@code RequestTransitionedV1.typeOf(move)}). Extension requests and
     * decisions stay on the ticket's timeline; escalations and overdue marks have types of their own.
     */
    public static final List<String> REQUEST_MOVES = List.of("accepted", "rejected", "dispatched", "signed",
            "claimed", "returned", "started", "resolved", "rated", "closed", "reopened", "withdrawn");
    public static final String STUDY_SESSION_RECORDED = "cn.grid.study.session.recorded.v1";
    public static final String STUDY_POINTS_AWARDED = "cn.grid.study.points.awarded.v1";
    public static final String STUDY_ATTENDANCE_RECORDED = "cn.grid.study.attendance.recorded.v1";
    public static final String STUDY_MONTH_CLOSED = "cn.grid.study.month.closed.v1";
    public static final String STUDY_LECTURE_ORDER_PLACED = "cn.grid.study.lecture-order.placed.v1";
    public static final String STUDY_LECTURE_ORDER_ACCEPTED = "cn.grid.study.lecture-order.accepted.v1";
    public static final String STUDY_LECTURE_ORDER_DECLINED = "cn.grid.study.lecture-order.declined.v1";
    public static final String STUDY_REFLECTION_SUBMITTED = "cn.grid.study.reflection.submitted.v1";
    public static final String STUDY_REFLECTION_REVIEWED = "cn.grid.study.reflection.reviewed.v1";
    public static final String NOTIFICATION_CREATED = "cn.grid.notification.created.v1";

    private EventTypes() {
    }
}
