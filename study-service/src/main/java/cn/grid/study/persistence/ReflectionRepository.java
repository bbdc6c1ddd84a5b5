package cn.grid.study.persistence;

import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.study.domain.Reflection;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ReflectionRepository implements PanacheRepositoryBase<Reflection, UUID> {

    /**
     * What a list may be narrowed by; null fields do not narrow. {@code orgPathPrefix}: organisations in that
     * subtree; {@code gridPathPrefix}: organisations whose grid lies under it (the reader's scope).
     */
    public record Filter(String orgPathPrefix, String gridPathPrefix, UUID sessionId, UUID materialId,
            String memberSubject) {
    }

    public boolean exists(UUID sessionId, UUID materialId, String memberSubject) {
        return sessionId != null ? count("sessionId = ?1 and memberSubject = ?2", sessionId, memberSubject) > 0
                : count("materialId = ?1 and memberSubject = ?2", materialId, memberSubject) > 0;
    }

    /** Newest first, keyset by id. */
    @SuppressWarnings("unchecked")
    public List<Reflection> list(Filter filter, UUID beforeId, int limit) {
        StringBuilder sql = new StringBuilder(
                "select r.* from study_reflection r join party_org_view o on o.org_id = r.org_id where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.orgPathPrefix() != null) {
            sql.append(" and o.org_path like :orgPath");
            params.put("orgPath", SubtreeQuery.likePrefix(filter.orgPathPrefix()));
        }
        if (filter.gridPathPrefix() != null) {
            sql.append(" and o.grid_path like :gridPath");
            params.put("gridPath", SubtreeQuery.likePrefix(filter.gridPathPrefix()));
        }
        if (filter.sessionId() != null) {
            sql.append(" and r.session_id = :session");
            params.put("session", filter.sessionId());
        }
        if (filter.materialId() != null) {
            sql.append(" and r.material_id = :material");
            params.put("material", filter.materialId());
        }
        if (filter.memberSubject() != null) {
            sql.append(" and r.member_subject = :member");
            params.put("member", filter.memberSubject());
        }
        if (beforeId != null) {
            sql.append(" and r.id < :before");
            params.put("before", beforeId);
        }
        sql.append(" order by r.id desc limit :limit");
        params.put("limit", limit);
        Query query = getEntityManager().createNativeQuery(sql.toString(), Reflection.class);
        params.forEach(query::setParameter);
        return query.getResultList();
    }
}
