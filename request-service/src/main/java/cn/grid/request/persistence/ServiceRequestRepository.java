package cn.grid.request.persistence;

import cn.grid.platform.gridview.SubtreeQuery;
import cn.grid.request.domain.ServiceRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ServiceRequestRepository implements PanacheRepositoryBase<ServiceRequest, UUID> {

    /** Tickets routed into the subtree with path prefix {@code pathPrefix}, newest first, before {@code beforeId}. */
    public List<ServiceRequest> inSubtree(String pathPrefix, UUID beforeId, int limit) {
        Parameters params = Parameters.with("prefix", SubtreeQuery.likePrefix(pathPrefix));
        String query = "gridPath like :prefix";
        if (beforeId != null) {
            query += " and id < :before";
            params = params.and("before", beforeId);
        }
        return find(query + " order by id desc", params).page(0, limit).list();
    }

    /** A citizen's own tickets, newest first. */
    public List<ServiceRequest> reportedBy(String reporterId, UUID beforeId, int limit) {
        return beforeId == null
                ? find("reporterId = ?1 order by id desc", reporterId).page(0, limit).list()
                : find("reporterId = ?1 and id < ?2 order by id desc", reporterId, beforeId).page(0, limit).list();
    }
}
