package cn.grid.grid.domain;

/** Where an invitation stands. Only a PENDING one can be answered. */
public enum InvitationStatus {
    PENDING,
    /** the person accepted; the grant exists */
    ACCEPTED,
    DECLINED
}
