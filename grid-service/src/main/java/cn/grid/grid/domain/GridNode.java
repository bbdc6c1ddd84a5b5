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
