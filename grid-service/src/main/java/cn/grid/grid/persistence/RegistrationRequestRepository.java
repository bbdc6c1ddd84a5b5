package cn.grid.grid.persistence;

import cn.grid.grid.domain.RegistrationRequest;
import cn.grid.grid.domain.RegistrationStatus;
import cn.grid.platform.tree.SubtreeQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RegistrationRequestRepository implements PanacheRepositoryBase<RegistrationRequest, UUID> {

    public boolean pendingExists(UUID personId, UUID nodeId) {
        return count("personId = ?1 and nodeId = ?2 and status = ?3", personId, nodeId, RegistrationStatus.PENDING) > 0;
    }

    /** A person's requests, newest first. */
    public List<RegistrationRequest> ofPerson(UUID personId) {
        return list("personId = ?1 order by requestedAt desc, id", personId);
    }

    /** Requests in the subtree of {@code path}, optionally of one status, in id order after {@code afterId}. */
    public List<RegistrationRequest> inSubtree(String path, RegistrationStatus status, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("nodePath like :prefix");
        Parameters params = Parameters.with("prefix", SubtreeQuery.likePrefix(path));
        if (status != null) {
            query.append(" and status = :status");
            params = params.and("status", status);
        }
        if (afterId != null) {
            query.append(" and id > :after");
            params = params.and("after", afterId);
        }
        return find(query + " order by id", params).page(0, limit).list();
    }

    /**
     * Pending requests under any of {@code paths} (each a subtree), not the person {@code exceptPersonId}'s own,
     * oldest first: a reviewer's queue.
     */
    public List<RegistrationRequest> pendingUnder(List<String> paths, UUID exceptPersonId, int limit) {
        if (paths.isEmpty()) {
            return List.of();
        }
        return find(pendingUnderQuery(paths) + " order by requestedAt, id", pendingUnderParams(paths, exceptPersonId))
                .page(0, limit).list();
    }

    public long countPendingUnder(List<String> paths, UUID exceptPersonId) {
        return paths.isEmpty() ? 0 : count(pendingUnderQuery(paths), pendingUnderParams(paths, exceptPersonId));
    }

    private static String pendingUnderQuery(List<String> paths) {
        StringBuilder query = new StringBuilder("status = :pending and personId <> :except and (");
        for (int i = 0; i < paths.size(); i++) {
            query.append(i == 0 ? "" : " or ").append("nodePath like :p").append(i);
        }
        return query.append(')').toString();
    }

    private static Parameters pendingUnderParams(List<String> paths, UUID exceptPersonId) {
        // a caller linked to no person excludes nobody; a random id matches no row
        Parameters params = Parameters.with("pending", RegistrationStatus.PENDING)
                .and("except", exceptPersonId == null ? new UUID(0, 0) : exceptPersonId);
        for (int i = 0; i < paths.size(); i++) {
            params = params.and("p" + i, SubtreeQuery.likePrefix(paths.get(i)));
        }
        return params;
    }
}
