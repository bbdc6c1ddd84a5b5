package cn.grid.request.domain;

/**
 * The level of the grid hierarchy that answers for a category by default (and the rungs escalation climbs):
 * 网格 → 社区/村 → 街道/镇 → 区/县. The names are grid-service's level names.
 */
public enum HandlingLevel {
    GRID,
    COMMUNITY,
    STREET,
    DISTRICT;

    /** The level of a grid node (grid-service's name), or null for one this enum does not rank (责任区). */
    public static HandlingLevel ofNodeLevel(String level) {
        for (HandlingLevel candidate : values()) {
            if (candidate.name().equals(level)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether a node at this level sits above (or at) {@code other}: DISTRICT is above everything. */
    public boolean atOrAbove(HandlingLevel other) {
        return ordinal() >= other.ordinal();
    }
}
