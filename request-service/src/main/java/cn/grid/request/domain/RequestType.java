package cn.grid.request.domain;

/** What a citizen asks for. */
public enum RequestType {
    /** 随手拍: a problem seen in public space (a broken water pipe, a sewage ditch). */
    PROBLEM_REPORT,
    /** 办事/预约: a service or an appointment (a vaccination booking). */
    SERVICE,
    /** 微心愿: a small wish a party member or volunteer can fulfil (a wheelchair). */
    MICRO_WISH,
    /** 矛盾纠纷/评理说事: a dispute between neighbours. */
    DISPUTE,
    /** 咨询: a question. */
    CONSULTATION
}
