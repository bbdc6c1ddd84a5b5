package cn.grid.grid.persistence;

import cn.grid.grid.domain.OrgMembership;
import cn.grid.grid.domain.PartyOrg;
import cn.grid.platform.tree.SubtreeQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PartyOrgRepository implements PanacheRepositoryBase<PartyOrg, UUID> {

    private static final Comparator<OrgMembership> ROLL_ORDER = Comparator
            .comparing(OrgMembership::role)
            .thenComparing(membership -> membership.tenure().startDate())
            .thenComparing(OrgMembership::id);

    private static final String ACTIVE_ON = "tenure.startDate <= ?2 and (tenure.endDate is null or tenure.endDate >= ?2)";

    public List<PartyOrg> children(UUID parentId, UUID afterId, int limit) {
        return afterId == null
                ? find("parentId = ?1 order by id", parentId).page(0, limit).list()
                : find("parentId = ?1 and id > ?2 order by id", parentId, afterId).page(0, limit).list();
    }

    public long activeAtNode(UUID nodeId) {
        return count("gridNodeId = ?1 and status = cn.grid.grid.domain.NodeStatus.ACTIVE", nodeId);
    }

    /** The organisation's roll on a day: by role precedence (secretary first), then start date. */
    public List<OrgMembership> memberships(UUID orgId, LocalDate day) {
        // the role is stored by name, so SQL would sort it alphabetically; an organisation's roll is a few dozen rows
        List<OrgMembership> roll = new ArrayList<>(getEntityManager()
                .createQuery("from OrgMembership where orgId = ?1 and " + ACTIVE_ON, OrgMembership.class)
                .setParameter(1, orgId).setParameter(2, day).getResultList());
        roll.sort(ROLL_ORDER);
        return roll;
    }

    public List<OrgMembership> membershipsOf(UUID orgId, UUID personId) {
        return getEntityManager().createQuery("from OrgMembership where orgId = ?1 and personId = ?2",
                OrgMembership.class).setParameter(1, orgId).setParameter(2, personId).getResultList();
    }

    public List<OrgMembership> holdersOf(UUID orgId, cn.grid.grid.domain.MembershipRole role) {
        return getEntityManager().createQuery("from OrgMembership where orgId = ?1 and role = ?2",
                OrgMembership.class).setParameter(1, orgId).setParameter(2, role).getResultList();
    }

    /** Every membership a person has held, holds or is to hold, in any organisation, oldest first. */
    public List<OrgMembership> membershipsOfPerson(UUID personId) {
        return getEntityManager().createQuery("from OrgMembership where personId = ?1 order by tenure.startDate, id",
                OrgMembership.class).setParameter(1, personId).getResultList();
    }

    public List<PartyOrg> byIds(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    public OrgMembership membership(UUID id) {
        return getEntityManager().find(OrgMembership.class, id);
    }

    public void persist(OrgMembership membership) {
        getEntityManager().persist(membership);
    }

    /** Per kind (and branch type): active organisations serving nodes in the grid subtree. */
    public List<Object[]> countsInGridSubtree(String gridPath) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select kind, coalesce(branch_type, ''), count(*) from party_org
                where grid_path like ?1 and status = 'ACTIVE' group by kind, branch_type order by kind, 2""")
                .setParameter(1, SubtreeQuery.likePrefix(gridPath)).getResultList();
        return rows;
    }

    /** Distinct people holding an active membership in organisations serving the grid subtree on {@code day}. */
    public long membersInGridSubtree(String gridPath, LocalDate day) {
        return ((Number) getEntityManager().createNativeQuery("""
                select count(distinct m.person_id) from party_org_membership m join party_org o on o.id = m.org_id
                where o.grid_path like ?1 and m.start_date <= ?2 and (m.end_date is null or m.end_date >= ?2)""")
                .setParameter(1, SubtreeQuery.likePrefix(gridPath)).setParameter(2, day).getSingleResult())
                .longValue();
    }

    /** Distinct people registered as party members at their residence in the grid subtree on {@code day}. */
    public long registeredMembersInGridSubtree(String gridPath, LocalDate day) {
        return ((Number) getEntityManager().createNativeQuery("""
                select count(distinct person_id) from assignment
                where node_path like ?1 and role = 'PARTY_MEMBER' and start_date <= ?2
                  and (end_date is null or end_date >= ?2)""")
                .setParameter(1, SubtreeQuery.likePrefix(gridPath)).setParameter(2, day).getSingleResult())
                .longValue();
    }
}
