package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;

import java.util.EnumSet;
import java.util.Set;

import static cn.grid.request.domain.RequestStatus.ACCEPTED;
import static cn.grid.request.domain.RequestStatus.CLOSED;
import static cn.grid.request.domain.RequestStatus.DISPATCHED;
import static cn.grid.request.domain.RequestStatus.IN_PROGRESS;
import static cn.grid.request.domain.RequestStatus.REJECTED;
import static cn.grid.request.domain.RequestStatus.REOPENED;
import static cn.grid.request.domain.RequestStatus.RESOLVED;
import static cn.grid.request.domain.RequestStatus.RETURNED;
import static cn.grid.request.domain.RequestStatus.SIGNED;
import static cn.grid.request.domain.RequestStatus.SUBMITTED;
import static cn.grid.request.domain.RequestStatus.WITHDRAWN;

/**
 * The lifecycle's state machine, one move a line: from which states it is allowed and to which it leads. The
 * moves that record something beside the state (escalation, overdue marks, extensions) lead nowhere: the state
 * stays. Only RATE has two targets: CLOSED when satisfied, REOPENED (重办) when not.
 *
 * <pre>
 * SUBMITTED  -accept-> ACCEPTED  | -reject-> REJECTED
 * ACCEPTED   -dispatch-> DISPATCHED | -claim (micro-wish)-> SIGNED
 * DISPATCHED -sign-> SIGNED      | -return-> RETURNED -dispatch-> DISPATCHED
 * SIGNED     -start-> IN_PROGRESS -resolve-> RESOLVED
 * RESOLVED   -rate 3..5-> CLOSED | -rate 1..2, reopen-> REOPENED -start-> IN_PROGRESS
 * RESOLVED   -close (rating window over)-> CLOSED
 * any state but REJECTED, CLOSED, WITHDRAWN -withdraw-> WITHDRAWN
 * </pre>
 */
public enum Transition {
    ACCEPT("accepted", EnumSet.of(SUBMITTED), EnumSet.of(ACCEPTED)),
    REJECT("rejected", EnumSet.of(SUBMITTED), EnumSet.of(REJECTED)),
    DISPATCH("dispatched", EnumSet.of(ACCEPTED, RETURNED), EnumSet.of(DISPATCHED)),
    SIGN("signed", EnumSet.of(DISPATCHED), EnumSet.of(SIGNED)),
    /** 认领: a micro-wish taken from the board — dispatched to and signed by the claimant in one move */
    CLAIM("claimed", EnumSet.of(ACCEPTED), EnumSet.of(SIGNED)),
    RETURN("returned", EnumSet.of(DISPATCHED), EnumSet.of(RETURNED)),
    START("started", EnumSet.of(SIGNED, REOPENED), EnumSet.of(IN_PROGRESS)),
    RESOLVE("resolved", EnumSet.of(IN_PROGRESS), EnumSet.of(RESOLVED)),
    RATE("rated", EnumSet.of(RESOLVED), EnumSet.of(CLOSED, REOPENED)),
    REOPEN("reopened", EnumSet.of(RESOLVED), EnumSet.of(REOPENED)),
    WITHDRAW("withdrawn", EnumSet.complementOf(EnumSet.of(REJECTED, CLOSED, WITHDRAWN)), EnumSet.of(WITHDRAWN)),
    /** the rating window ended without a rating: the resolved ticket closes (by the SLA sweep) */
    CLOSE("closed", EnumSet.of(RESOLVED), EnumSet.of(CLOSED)),
    /** 督办/吹哨报到: responsibility moves one level up the tree; the state stays */
    ESCALATE("escalated", EnumSet.complementOf(EnumSet.of(REJECTED, CLOSED, WITHDRAWN, RESOLVED)),
            EnumSet.noneOf(RequestStatus.class)),
    /** a stage's time limit passed (marked by the SLA sweep); the state stays */
    OVERDUE("overdue", EnumSet.complementOf(EnumSet.of(REJECTED, CLOSED, WITHDRAWN, RESOLVED)),
            EnumSet.noneOf(RequestStatus.class)),
    /** more time to resolve, asked for by whoever handles the ticket ... */
    REQUEST_EXTENSION("extension-requested", RequestStatus.BEING_HANDLED, EnumSet.noneOf(RequestStatus.class)),
    /** ... and granted or refused by an administrator over it */
    APPROVE_EXTENSION("extension-approved", RequestStatus.BEING_HANDLED, EnumSet.noneOf(RequestStatus.class)),
    DENY_EXTENSION("extension-denied", RequestStatus.BEING_HANDLED, EnumSet.noneOf(RequestStatus.class));

    private final String pastTense;
    private final Set<RequestStatus> from;
    private final Set<RequestStatus> to;

    Transition(String pastTense, Set<RequestStatus> from, Set<RequestStatus> to) {
        this.pastTense = pastTense;
        this.from = from;
        this.to = to;
    }

    /** The move in the past tense, as events name it ({@code cn.grid.request.signed.v1}). */
    public String pastTense() {
        return pastTense;
    }

    public boolean allowedFrom(RequestStatus status) {
        return from.contains(status);
    }

    public Set<RequestStatus> from() {
        return from;
    }

    /** The states the move may lead to; empty for the moves that keep the state. */
    public Set<RequestStatus> to() {
        return to;
    }

    /** Refuses the move from {@code status} when the lifecycle does not allow it: a 409 naming the state. */
    public void requireFrom(RequestStatus status, Object ticketId) {
        if (!allowedFrom(status)) {
            throw DomainProblem.conflict("request " + ticketId + " is " + status + "; " + verb() + " needs "
                    + (from.size() == 1 ? from.iterator().next() : "one of " + from));
        }
    }

    /** The lower-case verb of the endpoint and of the event type. */
    public String verb() {
        return name().toLowerCase();
    }

    /** Whether the move only records something beside the state (no event of the lifecycle's own). */
    public boolean keepsState() {
        return to.isEmpty();
    }
}
