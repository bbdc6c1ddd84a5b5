package cn.grid.request.domain;

/** How the request reached us. */
public enum Channel {
    APP,
    HOTLINE,
    VISIT,
    GRID_PATROL
}
