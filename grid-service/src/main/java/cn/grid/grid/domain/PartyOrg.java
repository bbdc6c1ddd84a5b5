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

/** A party organisation, placed in the organisation tree and linked to the grid node it serves. */
@Entity
@Table(name = "party_org")
public class PartyOrg {

    @Id
    private UUID id;

    @Column(name = "parent_id")
    private UUID parentId;

    @Column(name = "org_path")
    private String orgPath;

    @Enumerated(EnumType.STRING)
    private PartyOrgKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "branch_type")
    private BranchType branchType;

    private String name;

    @Column(name = "grid_node_id")
    private UUID gridNodeId;

    @Column(name = "grid_path")
    private String gridPath;

    @Enumerated(EnumType.STRING)
    private NodeStatus status;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected PartyOrg() {
        // for JPA
    }

    /** A new organisation under {@code parent} (null: a root), serving grid node {@code grid}. */
    public static PartyOrg found(UUID id, PartyOrg parent, PartyOrgKind kind, BranchType branchType, String name,
            GridNode grid, OffsetDateTime now) {
        if (parent == null && !kind.mayBeRoot()) {
            throw DomainProblem.invalid("parentId", "a " + kind + " belongs under one of " + kind.allowedParents());
        }
        if (parent != null) {
            if (!kind.allowedParents().contains(parent.kind)) {
                throw DomainProblem.invalid("kind", "a " + kind + " cannot sit under a " + parent.kind
                        + "; allowed parents: " + kind.allowedParents());
            }
            if (parent.status != NodeStatus.ACTIVE) {
                throw DomainProblem.conflict("party organisation " + parent.id + " is dissolved");
            }
            if (!grid.path().startsWith(parent.gridPath)) {
                throw DomainProblem.invalid("gridNodeId", "an organisation serves a node inside its parent's grid "
                        + "node " + parent.gridNodeId);
            }
        }
        if ((kind == PartyOrgKind.BRANCH) != (branchType != null)) {
            throw DomainProblem.invalid("branchType", kind == PartyOrgKind.BRANCH
                    ? "a BRANCH (党支部) names its branchType" : "only a BRANCH has a branchType");
        }
        if (grid.status() != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("grid node " + grid.id() + " is retired");
        }
        PartyOrg org = new PartyOrg();
        org.id = id;
        org.parentId = parent == null ? null : parent.id;
        org.orgPath = (parent == null ? "/" : parent.orgPath) + id + "/";
        org.kind = kind;
        org.branchType = branchType;
        org.name = name;
        org.gridNodeId = grid.id();
        org.gridPath = grid.path();
        org.status = NodeStatus.ACTIVE;
        org.createdAt = now;
        org.updatedAt = now;
        return org;
    }

    public void rename(String newName, OffsetDateTime now) {
        if (status != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("party organisation " + id + " is dissolved");
        }
        this.name = newName;
        this.updatedAt = now;
    }

    /** Whether {@code role} fits this kind of organisation. */
    public void requireRoleFits(MembershipRole role) {
        if (role == MembershipRole.GROUP_LEADER && kind != PartyOrgKind.PARTY_GROUP) {
            throw DomainProblem.invalid("role", "a GROUP_LEADER leads a PARTY_GROUP (党小组), not a " + kind);
        }
        if (status != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("party organisation " + id + " is dissolved");
        }
    }

    public UUID id() {
        return id;
    }

    public UUID parentId() {
        return parentId;
    }

    public String orgPath() {
        return orgPath;
    }

    public PartyOrgKind kind() {
        return kind;
    }

    public BranchType branchType() {
        return branchType;
    }

    public String name() {
        return name;
    }

    public UUID gridNodeId() {
        return gridNodeId;
    }

    public String gridPath() {
        return gridPath;
    }

    public NodeStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
