package cn.grid.request.persistence;

import cn.grid.platform.time.SqlTimestamps;
import cn.grid.platform.tree.SubtreeQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tickets of one kind of a person's work list: how many there are and the first of them by deadline. Each
 * kind is a condition on service_request served by an index (dispatch_person_id, dispatch_team_id, assignee,
 * grid_path with the partial indexes of the clocks and of the wish board).
 */
@ApplicationScoped
public class WorkListRepository {

    /** A ticket as the work list shows it. */
    public record WorkTicket(UUID id, String title, UUID gridNodeId, String status, OffsetDateTime dueAt) {
    }

    /** The count of a kind and its first tickets, soonest deadline first. */
    public record KindPage(long count, List<WorkTicket> tickets) {
    }

    /**
     * A kind: a SQL condition with its named parameters (the {@code %s} of {@code condition} stays as given) and the
     * deadline that orders it.
     */
    public record Kind(String condition, String dueAt, Map<String, Object> params) {

        public Kind {
            params = Map.copyOf(params);
        }
    }

    private final EntityManager entityManager;

    public WorkListRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public KindPage page(Kind kind, int limit) {
        var count = entityManager.createNativeQuery("select count(*) from service_request where " + kind.condition());
        var list = entityManager.createNativeQuery("select id, title, grid_node_id, status, " + kind.dueAt()
                + " as due from service_request where " + kind.condition() + " order by due asc nulls last, id limit "
                + limit);
        kind.params().forEach((name, value) -> {
            count.setParameter(name, value);
            list.setParameter(name, value);
        });
        @SuppressWarnings("unchecked")
        List<Object[]> rows = list.getResultList();
        List<WorkTicket> tickets = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            tickets.add(new WorkTicket((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], SqlTimestamps.offsetDateTime(r[4])));
        }
        return new KindPage(((Number) count.getSingleResult()).longValue(), tickets);
    }

    /**
     * {@code grid_path} inside any of the subtrees (LIKE prefixes, served by the grid_path index); {@code null}
     * paths mean every ticket, the community queue included; an empty list none.
     */
    public static String inSubtrees(Collection<String> paths, String prefix, Map<String, Object> params) {
        if (paths == null) {
            return "true";
        }
        if (paths.isEmpty()) {
            return "false";
        }
        List<String> ors = new ArrayList<>();
        int i = 0;
        for (String path : paths) {
            String name = prefix + i++;
            params.put(name, SubtreeQuery.likePrefix(path));
            ors.add("grid_path like :" + name);
        }
        return "(" + String.join(" or ", ors) + ")";
    }

    public static Map<String, Object> params() {
        return new HashMap<>();
    }

}
