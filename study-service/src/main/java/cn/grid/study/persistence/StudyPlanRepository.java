package cn.grid.study.persistence;

import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.study.domain.StudyPlan;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class StudyPlanRepository implements PanacheRepositoryBase<StudyPlan, UUID> {

    public Optional<StudyPlan> findByOrgAndYear(UUID orgId, int year) {
        return find("orgId = ?1 and year = ?2", orgId, year).firstResultOptional();
    }

    /**
     * Plans of the organisations in the subtree with org path {@code orgPathPrefix} (whose grid lies under
     * {@code gridPathPrefix}), or of one organisation when {@code onlyOrg} is set; newest first.
     */
    @SuppressWarnings("unchecked")
    public List<StudyPlan> list(String orgPathPrefix, String gridPathPrefix, UUID onlyOrg, Integer year,
            UUID beforeId, int limit) {
        StringBuilder sql = new StringBuilder("""
                select p.* from study_plan p join party_org_view o on o.org_id = p.org_id
                where o.org_path like :orgPath and o.grid_path like :gridPath""");
        if (onlyOrg != null) {
            sql.append(" and p.org_id = :org");
        }
        if (year != null) {
            sql.append(" and p.year = :year");
        }
        if (beforeId != null) {
            sql.append(" and p.id < :before");
        }
        sql.append(" order by p.id desc limit :limit");
        Query query = getEntityManager().createNativeQuery(sql.toString(), StudyPlan.class)
                .setParameter("orgPath", SubtreeQuery.likePrefix(orgPathPrefix))
                .setParameter("gridPath", SubtreeQuery.likePrefix(gridPathPrefix))
                .setParameter("limit", limit);
        if (onlyOrg != null) {
            query.setParameter("org", onlyOrg);
        }
        if (year != null) {
            query.setParameter("year", year);
        }
        if (beforeId != null) {
            query.setParameter("before", beforeId);
        }
        return query.getResultList();
    }
}
