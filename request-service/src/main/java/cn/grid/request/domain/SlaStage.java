package cn.grid.request.domain;

/** The clocks a ticket runs against (时限): 受理/首次响应, 签收, 办结. */
public enum SlaStage {
    /** from submission until it is accepted or rejected */
    RESPOND,
    /** from each dispatch until someone signs for it */
    SIGN,
    /** from submission (or from a 重办) until it is resolved; extensions move it out */
    RESOLVE
}
