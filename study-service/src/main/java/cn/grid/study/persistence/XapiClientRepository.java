package cn.grid.study.persistence;

import cn.grid.study.domain.xapi.XapiClient;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class XapiClientRepository implements PanacheRepositoryBase<XapiClient, UUID> {

    /** Every client, newest first. */
    public List<XapiClient> newestFirst() {
        return listAll(Sort.descending("createdAt", "id"));
    }

    /** The clients of these organisations, newest first. */
    public List<XapiClient> ofOrgs(Collection<UUID> orgIds) {
        if (orgIds.isEmpty()) {
            return List.of();
        }
        return list("orgId in ?1", Sort.descending("createdAt", "id"), orgIds);
    }
}
