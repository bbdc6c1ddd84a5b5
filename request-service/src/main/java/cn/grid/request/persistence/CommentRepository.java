package cn.grid.request.persistence;

import cn.grid.request.domain.RequestComment;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<RequestComment, UUID> {

    public List<RequestComment> of(UUID requestId, boolean citizenView) {
        return citizenView
                ? list("requestId = ?1 and visibleToCitizen = true order by at, id", requestId)
                : list("requestId = ?1 order by at, id", requestId);
    }
}
