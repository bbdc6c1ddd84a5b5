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
            EnumSet.complementOf(EnumSet.of(RequestStatus.REJECTED, RequestStatus.CLOSED, RequestStatus.WITHDRAWN)));

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
}
