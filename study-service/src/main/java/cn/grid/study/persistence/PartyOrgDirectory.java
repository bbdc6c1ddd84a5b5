package cn.grid.study.persistence;

import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.study.domain.OrgMember;
import cn.grid.study.domain.PartyOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Lookups over the party organisations and memberships known from grid events ({@code party_org_view},
 * {@code party_org_member_view}, kept by the platform's PartyOrgAndTeamViews, which only writes them).
 */
@ApplicationScoped
public class PartyOrgDirectory {

    private final EntityManager entityManager;

    public PartyOrgDirectory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PartyOrg> find(UUID orgId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select org_id, org_path, name, grid_node_id, grid_path, status from party_org_view
                        where org_id = ?1""")
                .setParameter(1, orgId)
                .getResultList();
        return rows.stream().findFirst().map(r -> new PartyOrg((UUID) r[0], (String) r[1], (String) r[2],
                (UUID) r[3], (String) r[4], (String) r[5]));
    }

    /**
     * The active organisations seated in the grid subtree at {@code gridPath} whose parent is seated outside it (or
     * who have none): together their organisation subtrees hold every organisation of the grid subtree once.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PartyOrg> topmostInGridSubtree(String gridPath) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select o.org_id, o.org_path, o.name, o.grid_node_id, o.grid_path, o.status
                        from party_org_view o
                        left join party_org_view p on p.org_id = o.parent_id
                        where o.grid_path like ?1 and o.status = 'ACTIVE'
                          and (p.org_id is null or p.grid_path not like ?1)
                        order by o.name, o.org_id""")
                .setParameter(1, SubtreeQuery.likePrefix(gridPath))
                .getResultList();
        return rows.stream().map(r -> new PartyOrg((UUID) r[0], (String) r[1], (String) r[2], (UUID) r[3],
                (String) r[4], (String) r[5])).toList();
    }

    /**
     * The organisations the person belongs to on {@code day} (whatever login the membership names): whose staff and
     * whose LRS clients may record xAPI statements for them.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PartyOrg> orgsOfPerson(UUID personId, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select distinct o.org_id, o.org_path, o.name, o.grid_node_id, o.grid_path, o.status
                        from party_org_member_view m join party_org_view o on o.org_id = m.org_id
                        where m.person_id = ?1 and m.start_date <= ?2 and (m.end_date is null or m.end_date >= ?2)""")
                .setParameter(1, personId)
                .setParameter(2, Date.valueOf(day))
                .getResultList();
        return rows.stream().map(r -> new PartyOrg((UUID) r[0], (String) r[1], (String) r[2], (UUID) r[3],
                (String) r[4], (String) r[5])).toList();
    }

    /** Who belongs to the organisation on {@code day} (a membership ends after its end date), by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OrgMember> members(UUID orgId, LocalDate day) {
        return memberRows("m.org_id = ?1", orgId, day);
    }

    /** The organisations {@code subject} belongs to on {@code day}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OrgMember> membershipsOf(String subject, LocalDate day) {
        return memberRows("m.subject = ?1", subject, day);
    }

    private List<OrgMember> memberRows(String condition, Object value, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select m.org_id, m.person_id, m.person_name, m.subject, m.role from party_org_member_view m
                        where %s and m.start_date <= ?2 and (m.end_date is null or m.end_date >= ?2)
                        order by m.person_name, m.person_id""".formatted(condition))
                .setParameter(1, value)
                .setParameter(2, Date.valueOf(day))
                .getResultList();
        return rows.stream().map(r -> new OrgMember((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                (String) r[4])).toList();
    }
}
