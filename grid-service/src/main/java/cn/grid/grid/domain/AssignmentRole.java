package cn.grid.grid.domain;

/** What a person does at a node of the grid hierarchy. */
public enum AssignmentRole {
    /** 网格长 — also the first of the five heads */
    GRID_HEAD,
    /** 网格员 */
    GRID_WORKER,
    /** 路长 (five heads) */
    ROAD_HEAD,
    /** 巷长 (five heads) */
    LANE_HEAD,
    /** 楼长 (five heads) */
    BUILDING_HEAD,
    /** 店长 (five heads) */
    SHOP_HEAD,
    /** 片长 (three heads) */
    AREA_HEAD,
    /** 组长 (three heads) */
    GROUP_HEAD,
    /** 邻长 (three heads) */
    NEIGHBOUR_HEAD,
    VOLUNTEER,
    /** 党群服务专员 */
    SERVICE_SPECIALIST,
    /** a party member registered at the grid of residence (居住地报到); with a work organisation: 双报到 */
    PARTY_MEMBER
}
