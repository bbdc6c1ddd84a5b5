package cn.grid.request.domain;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle's moves: from which states each is allowed. The target state is decided by the move. */
public enum Transition {
    ACCEPT("accepted", EnumSet.of(RequestStatus.SUBMITTED)),
    REJECT("rejected", EnumSet.of(RequestStatus.SUBMITTED)),
    DISPATCH("dispatched", EnumSet.of(RequestStatus.ACCEPTED, RequestStatus.RETURNED)),
    SIGN("signed", EnumSet.of(RequestStatus.DISPATCHED)),
    /** 认领: a micro-wish taken from the board — dispatched to and signed by the claimant in one move */
    CLAIM("claimed", EnumSet.of(RequestStatus.ACCEPTED)),
    RETURN("returned", EnumSet.of(RequestStatus.DISPATCHED)),
    START("started", EnumSet.of(RequestStatus.SIGNED, RequestStatus.REOPENED)),
    RESOLVE("resolved", EnumSet.of(RequestStatus.IN_PROGRESS)),
    RATE("rated", EnumSet.of(RequestStatus.RESOLVED)),
    REOPEN("reopened", EnumSet.of(RequestStatus.RESOLVED)),
    WITHDRAW("withdrawn",
            EnumSet.complementOf(EnumSet.of(RequestStatus.REJECTED, RequestStatus.CLOSED, RequestStatus.WITHDRAWN))),
    /** the rating window ended without a rating: the resolved ticket closes (by the SLA sweep) */
    CLOSE("closed", EnumSet.of(RequestStatus.RESOLVED)),
    /** 督办/吹哨报到: responsibility moves one level up the tree; the state stays */
    ESCALATE("escalated", EnumSet.complementOf(EnumSet.of(RequestStatus.REJECTED, RequestStatus.CLOSED,
            RequestStatus.WITHDRAWN, RequestStatus.RESOLVED))),
    /** a stage's time limit passed (marked by the SLA sweep); the state stays */
    OVERDUE("overdue", EnumSet.complementOf(EnumSet.of(RequestStatus.REJECTED, RequestStatus.CLOSED,
            RequestStatus.WITHDRAWN, RequestStatus.RESOLVED))),
    /** more time to resolve, asked for by whoever handles the ticket ... */
    REQUEST_EXTENSION("extension-requested", RequestStatus.BEING_HANDLED),
    /** ... and granted or refused by an administrator over it */
    APPROVE_EXTENSION("extension-approved", RequestStatus.BEING_HANDLED),
    DENY_EXTENSION("extension-denied", RequestStatus.BEING_HANDLED);

    private final String pastTense;
    private final Set<RequestStatus> from;

    Transition(String pastTense, Set<RequestStatus> from) {
        this.pastTense = pastTense;
        this.from = from;
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

    /** The lower-case verb of the endpoint and of the event type. */
    public String verb() {
        return name().toLowerCase();
    }

    /** Whether the move changes the state (the lifecycle's moves) or only records something beside it. */
    public boolean keepsState() {
        return this == ESCALATE || this == OVERDUE || this == REQUEST_EXTENSION || this == APPROVE_EXTENSION
                || this == DENY_EXTENSION;
    }
}
