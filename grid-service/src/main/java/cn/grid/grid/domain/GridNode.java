package cn.grid.grid.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A node of the grid hierarchy. Its {@code path} lists the ids from the root down to itself
 * ({@code /root/.../id/}), so "is X under Y" and "all of Y's subtree" are prefix checks, not tree walks.
 */
@Entity
@Table(name = "grid_node")
public class GridNode {

    @Id
    private UUID id;

    @Column(name = "parent_id")
    private UUID parentId;

    private String path;

    private short depth;

    @Enumerated(EnumType.STRING)
    private GridLevel level;

    private String code;

    private String name;

    @Enumerated(EnumType.STRING)
    private NodeStatus status;

    private Integer households;

    private Integer residents;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected GridNode() {
        // for JPA
    }

    private GridNode(UUID id, GridNode parent, GridLevel level, String code, String name, Integer households,
            Integer residents, OffsetDateTime now) {
        this.id = id;
        this.parentId = parent == null ? null : parent.id;
        this.path = (parent == null ? "/" : parent.path) + id + "/";
        this.depth = (short) (parent == null ? 0 : parent.depth + 1);
        this.level = level;
        this.code = code;
        this.name = name;
        this.status = NodeStatus.ACTIVE;
        this.households = households;
        this.residents = residents;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A district: the root of a hierarchy. */
    public static GridNode root(UUID id, GridLevel level, String code, String name, Integer households,
            Integer residents, OffsetDateTime now) {
        if (!level.isRoot()) {
            throw DomainProblem.invalid("parentId", "a " + level + " node needs a parent; only a DISTRICT is a root");
        }
        return new GridNode(id, null, level, code, name, households, residents, now);
    }

    /** A child of this node, one level below it. */
    public GridNode addChild(UUID id, GridLevel childLevel, String code, String name, Integer households,
            Integer residents, OffsetDateTime now) {
        if (status != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("parent " + this.id + " is retired; no new nodes can be added under it");
        }
        if (level.childLevel() != childLevel) {
            throw DomainProblem.invalid("level", level.childLevel() == null
                    ? "a " + level + " node has no children"
                    : "a child of a " + level + " node must be a " + level.childLevel() + ", not a " + childLevel);
        }
        return new GridNode(id, this, childLevel, code, name, households, residents, now);
    }

    /** New name and/or counts; null leaves a value as it is. */
    public void update(String newName, Integer newHouseholds, Integer newResidents, OffsetDateTime now) {
        requireActive("changed");
        if (newName != null) {
            this.name = newName;
        }
        if (newHouseholds != null) {
            this.households = newHouseholds;
        }
        if (newResidents != null) {
            this.residents = newResidents;
        }
        this.updatedAt = now;
    }

    /**
     * Moves this node (with its subtree, which the repository rewrites) under {@code newParent}. The level rule
     * still holds afterwards, and a node can never end up inside its own subtree.
     */
    public void moveUnder(GridNode newParent, OffsetDateTime now) {
        requireMovable();
        requireActive("moved");
        if (newParent.id.equals(parentId)) {
            throw DomainProblem.conflict("node " + id + " is already under " + newParent.id);
        }
        if (newParent.path.startsWith(path)) {
            throw DomainProblem.conflict("moving node " + id + " under " + newParent.id
                    + " would put it inside its own subtree");
        }
        if (newParent.status != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("node " + newParent.id + " is retired; nothing can move under it");
        }
        if (newParent.level.childLevel() != level) {
            throw DomainProblem.invalid("parentId", "a " + level + " node belongs under a "
                    + levelAbove(level) + ", not under a " + newParent.level);
        }
        this.parentId = newParent.id;
        this.path = newParent.path + id + "/";
        this.depth = (short) (newParent.depth + 1);
        this.updatedAt = now;
    }

    /** A district is the root of its hierarchy and stays one. */
    public void requireMovable() {
        if (parentId == null) {
            throw DomainProblem.conflict("a district is a root and cannot move");
        }
    }

    /** A node retires only once its children have moved or retired: refuses while {@code activeChildren} remain. */
    public void requireNoActiveChildren(long activeChildren) {
        if (activeChildren > 0) {
            throw DomainProblem.conflict("node " + id + " still has " + activeChildren
                    + " active child node(s); move or retire them first");
        }
    }

    /** Retires the node; the caller has checked that nothing active remains under or at it. */
    public void retire(OffsetDateTime now) {
        requireActive("retired");
        this.status = NodeStatus.RETIRED;
        this.updatedAt = now;
    }

    private void requireActive(String what) {
        if (status != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("node " + id + " is retired and cannot be " + what);
        }
    }

    private static GridLevel levelAbove(GridLevel level) {
        return level.ordinal() == 0 ? null : GridLevel.values()[level.ordinal() - 1];
    }

    /** The ids from the root down to this node, read from its path. */
    public java.util.List<UUID> lineage() {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(UUID::fromString).toList();
    }

    public UUID id() {
        return id;
    }

    public UUID parentId() {
        return parentId;
    }

    public String path() {
        return path;
    }

    public int depth() {
        return depth;
    }

    public GridLevel level() {
        return level;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public NodeStatus status() {
        return status;
    }

    public Integer households() {
        return households;
    }

    public Integer residents() {
        return residents;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
