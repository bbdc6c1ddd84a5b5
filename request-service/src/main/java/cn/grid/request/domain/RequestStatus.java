package cn.grid.request.domain;

/** Where a ticket stands. Only SUBMITTED exists so far; the full lifecycle is the request-service issue. */
public enum RequestStatus {
    SUBMITTED
}
