package cn.grid.grid.domain;

/** Where a residence-registration request (居住地报到) stands. Only a PENDING request can change. */
public enum RegistrationStatus {
    PENDING,
    /** a reviewer approved it; the PARTY_MEMBER assignment exists */
    APPROVED,
    /** a reviewer refused it, with a reason */
    REJECTED,
    /** the member took it back before a decision */
    WITHDRAWN
}
