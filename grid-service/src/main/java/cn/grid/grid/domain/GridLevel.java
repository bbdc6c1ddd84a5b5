package cn.grid.grid.domain;

/**
 * The levels of the grid hierarchy, top to bottom. A node's children are exactly one level below it:
 * 区/县 → 街道/镇/乡 → 社区/村 → 网格 → 责任区 (小区/村民小组/楼栋/党员责任区).
 */
public enum GridLevel {
    DISTRICT,
    STREET,
    COMMUNITY,
    GRID,
    RESPONSIBILITY_AREA;

    /** The only level a child of this level may have; null for the lowest level. */
    public GridLevel childLevel() {
        return ordinal() + 1 < values().length ? values()[ordinal() + 1] : null;
    }

    public boolean isRoot() {
        return this == DISTRICT;
    }
}
