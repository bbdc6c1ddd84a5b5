package cn.grid.study.persistence;

import cn.grid.platform.gridview.SubtreeQuery;
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
}
