package cn.grid.grid.persistence;

import cn.grid.grid.domain.GridLevel;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.LevelCount;
import cn.grid.platform.tree.SubtreeQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GridNodeRepository implements PanacheRepositoryBase<GridNode, UUID> {

    public boolean siblingCodeTaken(UUID parentId, String code) {
        return parentId == null
                ? count("parentId is null and code = ?1", code) > 0
                : count("parentId = ?1 and code = ?2", parentId, code) > 0;
    }

    /** Ids of the other children of {@code parentId} (a node's siblings). */
    public List<UUID> siblingIds(UUID parentId, UUID except) {
        return parentId == null ? List.of() : getEntityManager().createQuery(
                        "select id from GridNode where parentId = ?1 and id <> ?2", UUID.class)
                .setParameter(1, parentId).setParameter(2, except).getResultList();
    }

    public List<UUID> childIds(UUID parentId) {
        return getEntityManager().createQuery("select id from GridNode where parentId = ?1", UUID.class)
                .setParameter(1, parentId).getResultList();
    }

    public long activeChildren(UUID parentId) {
        return count("parentId = ?1 and status = cn.grid.grid.domain.NodeStatus.ACTIVE", parentId);
    }

    /** Children in id (= creation) order, after {@code afterId}; fetches {@code limit} rows. */
    public List<GridNode> children(UUID parentId, UUID afterId, int limit) {
        return afterId == null
                ? find("parentId = :parent order by id", Parameters.with("parent", parentId)).page(0, limit).list()
                : find("parentId = :parent and id > :after order by id",
                        Parameters.with("parent", parentId).and("after", afterId)).page(0, limit).list();
    }

    /** The nodes with these ids, root first (a breadcrumb from a path's ids). */
    public List<GridNode> lineage(List<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1 order by depth", ids);
    }

    /** Nodes strictly below {@code path}, optionally filtered by name fragment and level, in id order. */
    public List<GridNode> descendants(String path, String nameContains, GridLevel level, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("path like :prefix and path <> :path");
        Parameters params = Parameters.with("prefix", SubtreeQuery.likePrefix(path)).and("path", path);
        if (nameContains != null && !nameContains.isBlank()) {
            query.append(" and name ilike :name");
            params = params.and("name", "%" + nameContains.strip()
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (level != null) {
            query.append(" and level = :level");
            params = params.and("level", level);
        }
        if (afterId != null) {
            query.append(" and id > :after");
            params = params.and("after", afterId);
        }
        return find(query + " order by id", params).page(0, limit).list();
    }

    /** Grid paths copied into other tables; a subtree move rewrites them with the nodes'. */
    private static final List<String> PATH_COPIES = List.of("assignment.node_path", "person.home_path",
            "party_org.grid_path", "team.grid_path", "registration_request.node_path", "grant_invitation.node_path");

    /**
     * Moves everything below and at a moved node: node paths and depths (one statement), then every copy of
     * those paths in other tables.
     */
    public void moveSubtree(String oldPath, String newPath, int depthDelta) {
        getEntityManager().createNativeQuery("""
                update grid_node set path = ?1 || substr(path, ?3), depth = depth + ?4, version = version + 1
                where path like ?2 and path <> ?5""")
                .setParameter(1, newPath)
                .setParameter(2, SubtreeQuery.likePrefix(oldPath))
                .setParameter(3, oldPath.length() + 1)
                .setParameter(4, depthDelta)
                .setParameter(5, oldPath)
                .executeUpdate();
        PATH_COPIES.forEach(copy -> SubtreeQuery.rewritePrefix(getEntityManager(), copy, oldPath, newPath));
    }

    public List<LevelCount> countsBelow(String path) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select level, count(*), coalesce(sum(households), 0), coalesce(sum(residents), 0)
                from grid_node where path like ?1 and status = 'ACTIVE' group by level""")
                .setParameter(1, SubtreeQuery.likePrefix(path))
                .getResultList();
        return rows.stream().map(r -> new LevelCount(GridLevel.valueOf((String) r[0]), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), ((Number) r[3]).longValue())).toList();
    }
}
