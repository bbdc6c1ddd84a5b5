package cn.grid.request.persistence;

import cn.grid.request.domain.TransitionRecord;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TransitionRepository implements PanacheRepositoryBase<TransitionRecord, UUID> {

    public List<TransitionRecord> of(UUID requestId) {
        return list("requestId = ?1 order by at, id", requestId);
    }
}
