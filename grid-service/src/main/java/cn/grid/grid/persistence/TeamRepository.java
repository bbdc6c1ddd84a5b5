package cn.grid.grid.persistence;

import cn.grid.grid.domain.Team;
import cn.grid.grid.domain.TeamMember;
import cn.grid.platform.tree.SubtreeQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TeamRepository implements PanacheRepositoryBase<Team, UUID> {

    public List<Team> inSubtree(String gridPath, UUID afterId, int limit) {
        return afterId == null
                ? find("gridPath like ?1 order by id", SubtreeQuery.likePrefix(gridPath)).page(0, limit).list()
                : find("gridPath like ?1 and id > ?2 order by id", SubtreeQuery.likePrefix(gridPath), afterId)
                        .page(0, limit).list();
    }

    public long activeAtNode(UUID nodeId) {
        return count("gridNodeId = ?1 and status = cn.grid.grid.domain.NodeStatus.ACTIVE", nodeId);
    }

    public List<TeamMember> members(UUID teamId, LocalDate day) {
        return getEntityManager().createQuery("from TeamMember where teamId = ?1 and tenure.startDate <= ?2 and "
                + "(tenure.endDate is null or tenure.endDate >= ?2) order by role, tenure.startDate", TeamMember.class)
                .setParameter(1, teamId).setParameter(2, day).getResultList();
    }

    public List<TeamMember> membershipsOf(UUID teamId, UUID personId) {
        return getEntityManager().createQuery("from TeamMember where teamId = ?1 and personId = ?2", TeamMember.class)
                .setParameter(1, teamId).setParameter(2, personId).getResultList();
    }

    /** Every team place a person has held, holds or is to hold, oldest first. */
    public List<TeamMember> placesOfPerson(UUID personId) {
        return getEntityManager().createQuery("from TeamMember where personId = ?1 order by tenure.startDate, id",
                TeamMember.class).setParameter(1, personId).getResultList();
    }

    public List<Team> byIds(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    public TeamMember member(UUID id) {
        return getEntityManager().find(TeamMember.class, id);
    }

    public void persist(TeamMember member) {
        getEntityManager().persist(member);
    }
}
