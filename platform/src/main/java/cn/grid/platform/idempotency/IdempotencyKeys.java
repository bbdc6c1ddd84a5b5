package cn.grid.platform.idempotency;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a create at most once per {@code Idempotency-Key}. The key row is inserted first, in the caller's
 * transaction: a concurrent retry with the same key waits on that row until the first commits, then finds it
 * and gets the first outcome back; if the first rolled back, the retry does the work itself.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** The request header a client names its create with, so that a retry of it is recognised. */
    public static final String HEADER = "Idempotency-Key";

    /** The response header that tells a client its create was a retry answered with the first outcome. */
    public static final String REPLAYED = "Idempotency-Replayed";

    private final EntityManager entityManager;

    public IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Creates with {@code create} unless this key was used before by this caller for this operation; then returns
     * the earlier result, found by {@code lookup} from the id it recorded. A key reused with a different request is
     * a 422. Keys are scoped per operation and caller, so two callers never see each other's outcomes.
     *
     * @param operation   method and path template, e.g. {@code POST /api/v1/grids/{nodeId}/teams}
     * @param key         the client's Idempotency-Key (null: no idempotency, just create)
     * @param command     the request as the use case got it (a record): its {@link RequestFingerprint} tells a
     *                    retry from a different request, whatever order the client wrote the JSON keys in
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> Outcome<T> once(String operation, Caller caller, String key, Object command, Supplier<T> create,
            Function<T, UUID> id, Function<UUID, Optional<T>> lookup) {
        String scope = operation + " " + caller.subject();
        if (key == null) {
            return new Outcome<>(create.get(), false);
        }
        validate(key);
        String fingerprint = RequestFingerprint.of(command);
        int claimed = entityManager.createNativeQuery("""
                insert into idempotency_key (scope, key, fingerprint) values (?1, ?2, ?3) on conflict do nothing""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, fingerprint).executeUpdate();
        if (claimed == 1) {
            T created = create.get();
            entityManager.createNativeQuery("update idempotency_key set resource_id = ?3 where scope = ?1 and key = ?2")
                    .setParameter(1, scope).setParameter(2, key).setParameter(3, id.apply(created).toString())
                    .executeUpdate();
            return new Outcome<>(created, false);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select fingerprint, resource_id from idempotency_key where scope = ?1 and key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        if (!RequestFingerprint.matches((String) row[0], command)) {
            throw new DomainProblem(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key " + key + " was already used with a different request");
        }
        T earlier = lookup.apply(UUID.fromString((String) row[1])).orElseThrow(() -> new IllegalStateException(
                "idempotency key " + key + " points at " + row[1] + ", which no longer exists"));
        return new Outcome<>(earlier, true);
    }

    /** What a create produced, and whether it is a replay of an earlier one. */
    public record Outcome<T>(T value, boolean replayed) {

        /** The value of the {@link #REPLAYED} header: "true" on a replay, none (null) on a first create. */
        public String replayedHeader() {
            return replayed ? "true" : null;
        }
    }

    private static void validate(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new DomainProblem(ProblemType.BAD_REQUEST,
                    "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");
        }
    }
}
