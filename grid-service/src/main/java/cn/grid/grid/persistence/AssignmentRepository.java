package cn.grid.grid.persistence;

import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.AssignmentRole;
import cn.grid.platform.tree.SubtreeQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    private static final String ACTIVE_ON = "tenure.startDate <= :day and (tenure.endDate is null or tenure.endDate >= :day)";

    public List<Assignment> samePersonNodeRole(UUID personId, UUID nodeId, AssignmentRole role) {
        return list("personId = ?1 and nodeId = ?2 and role = ?3", personId, nodeId, role);
    }

    /** Assignments at any of {@code nodeIds} that hold on {@code day}. */
    public List<Assignment> activeAt(List<UUID> nodeIds, LocalDate day) {
        return list("nodeId in :nodes and " + ACTIVE_ON + " order by role, tenure.startDate",
                Parameters.with("nodes", nodeIds).and("day", day));
    }

    /** Assignments that hold on {@code day} or later at the node itself. */
    public long currentOrFutureAt(UUID nodeId, LocalDate day) {
        return count("nodeId = ?1 and (tenure.endDate is null or tenure.endDate >= ?2)", nodeId, day);
    }

    /** Assignments in the subtree holding on {@code day}, optionally of one role, in id order after {@code afterId}. */
    public List<Assignment> inSubtree(String path, AssignmentRole role, LocalDate day, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("nodePath like :prefix and " + ACTIVE_ON);
        Parameters params = Parameters.with("prefix", SubtreeQuery.likePrefix(path)).and("day", day);
        if (role != null) {
            query.append(" and role = :role");
            params = params.and("role", role);
        }
        if (afterId != null) {
            query.append(" and id > :after");
            params = params.and("after", afterId);
        }
        return find(query + " order by id", params).page(0, limit).list();
    }

    public List<Assignment> ofPerson(UUID personId) {
        return list("personId = ?1 order by tenure.startDate, id", personId);
    }
}
