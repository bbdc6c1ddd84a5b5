package cn.grid.grid.persistence;

import cn.grid.grid.domain.GridNode;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GridNodeRepository implements PanacheRepositoryBase<GridNode, UUID> {

    public boolean siblingCodeTaken(UUID parentId, String code) {
        return parentId == null
                ? count("parentId is null and code = ?1", code) > 0
                : count("parentId = ?1 and code = ?2", parentId, code) > 0;
    }

    /** Children in id (= creation) order, after {@code afterId}; fetches {@code limit} rows. */
    public List<GridNode> children(UUID parentId, UUID afterId, int limit) {
        return afterId == null
                ? find("parentId = :parent order by id", Parameters.with("parent", parentId)).page(0, limit).list()
                : find("parentId = :parent and id > :after order by id",
                        Parameters.with("parent", parentId).and("after", afterId)).page(0, limit).list();
    }
}
