package cn.grid.study.persistence;

import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.study.domain.StudySession;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class StudySessionRepository implements PanacheRepositoryBase<StudySession, UUID> {

    /** Sessions held in the subtree with path prefix {@code pathPrefix}, newest recorded first. */
    public List<StudySession> inSubtree(String pathPrefix, UUID beforeId, int limit) {
        Parameters params = Parameters.with("prefix", SubtreeQuery.likePrefix(pathPrefix));
        String query = "gridPath like :prefix";
        if (beforeId != null) {
            query += " and id < :before";
            params = params.and("before", beforeId);
        }
        return find(query + " order by id desc", params).page(0, limit).list();
    }

    /** Records the materials a session used. */
    public void useMaterials(UUID sessionId, List<UUID> materialIds) {
        for (UUID material : materialIds) {
            getEntityManager().createNativeQuery("""
                    insert into study_session_material (session_id, material_id) values (?1, ?2)
                    on conflict do nothing""").setParameter(1, sessionId).setParameter(2, material).executeUpdate();
        }
    }

    public List<UUID> materialsOf(UUID sessionId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery(
                        "select material_id from study_session_material where session_id = ?1 order by material_id")
                .setParameter(1, sessionId).getResultList();
        return ids;
    }
}
