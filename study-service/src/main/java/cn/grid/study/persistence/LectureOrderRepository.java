package cn.grid.study.persistence;

import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.study.domain.LectureOrder;
import cn.grid.study.domain.LectureOrderCount;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LectureOrderRepository implements PanacheRepositoryBase<LectureOrder, UUID> {

    /** Orders placed by organisations in the org-path subtree (grid under the prefix), newest first. */
    @SuppressWarnings("unchecked")
    public List<LectureOrder> byOrgSubtree(String orgPathPrefix, String gridPathPrefix, UUID beforeId, int limit) {
        Query query = getEntityManager().createNativeQuery("""
                        select l.* from study_lecture_order l join party_org_view o on o.org_id = l.org_id
                        where o.org_path like :orgPath and o.grid_path like :gridPath
                        """ + (beforeId == null ? "" : " and l.id < :before") + " order by l.id desc limit :limit",
                        LectureOrder.class)
                .setParameter("orgPath", SubtreeQuery.likePrefix(orgPathPrefix))
                .setParameter("gridPath", SubtreeQuery.likePrefix(gridPathPrefix))
                .setParameter("limit", limit);
        if (beforeId != null) {
            query.setParameter("before", beforeId);
        }
        return query.getResultList();
    }

    /** Orders waiting for (or answered by) one speaker, newest first. */
    public List<LectureOrder> bySpeaker(String speakerSubject, UUID beforeId, int limit) {
        if (beforeId == null) {
            return find("speakerSubject = ?1 order by id desc", speakerSubject).page(0, limit).list();
        }
        return find("speakerSubject = ?1 and id < ?2 order by id desc", speakerSubject, beforeId).page(0, limit)
                .list();
    }

    /**
     * Counts per material of the orders placed by organisations in the subtree; {@code orgPathPrefix} null
     * counts every order.
     */
    @SuppressWarnings("unchecked")
    public List<LectureOrderCount> countsByMaterial(String orgPathPrefix, String gridPathPrefix) {
        String where = orgPathPrefix == null ? ""
                : " where l.org_id in (select org_id from party_org_view where org_path like :orgPath"
                        + " and grid_path like :gridPath)";
        Query query = getEntityManager().createNativeQuery("""
                select m.id, m.title, m.author, count(*),
                       count(*) filter (where l.status = 'ACCEPTED'),
                       count(*) filter (where l.status = 'DECLINED'),
                       count(*) filter (where l.status = 'REQUESTED')
                from study_lecture_order l join study_material m on m.id = l.material_id""" + where + """

                group by m.id, m.title, m.author order by count(*) desc, m.id""");
        if (orgPathPrefix != null) {
            query.setParameter("orgPath", SubtreeQuery.likePrefix(orgPathPrefix))
                    .setParameter("gridPath", SubtreeQuery.likePrefix(gridPathPrefix));
        }
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new LectureOrderCount((UUID) r[0],
                (String) r[1], (String) r[2], ((Number) r[3]).longValue(), ((Number) r[4]).longValue(),
                ((Number) r[5]).longValue(), ((Number) r[6]).longValue())).toList();
    }
}
