package cn.grid.request.app;

import cn.grid.platform.credentials.IssuedSecrets;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.request.domain.Open311Key;
import cn.grid.request.persistence.Open311KeyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Open311 api keys: issued by district administrators, one per integrator, kept only as their SHA-256; a
 * request carrying a live key acts as a citizen named {@code open311:<name>}.
 */
@ApplicationScoped
public class Open311KeyService {

    /** A key just issued: the clear key travels back to the administrator this once and is kept nowhere. */
    public record Issued(Open311Key key, String clearKey) {
    }

    /** 32 random bytes in base64url, unpadded: 43 characters. Longer input cannot be a key of ours. */
    private static final int MAX_KEY_LENGTH = 64;

    private final Open311KeyRepository keys;

    public Open311KeyService(Open311KeyRepository keys) {
        this.keys = keys;
    }

    @Transactional
    public Issued issue(String name, Caller caller) {
        requireAdmin(caller);
        String clean = name == null ? null : name.strip();
        if (clean != null && keys.liveNameTaken(clean)) {
            throw DomainProblem.conflict("a live api key named " + clean + " exists; revoke it first or choose "
                    + "another name (the name is the reporter of the tickets it files)");
        }
        String clearKey = IssuedSecrets.newSecret();
        Open311Key key = Open311Key.issue(Ids.newId(), clean, IssuedSecrets.sha256(clearKey), caller.subject(),
                OffsetDateTime.now());
        keys.persist(key);
        return new Issued(key, clearKey);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Open311Key> list(Caller caller) {
        requireAdmin(caller);
        return keys.newestFirst();
    }

    @Transactional
    public Open311Key revoke(UUID id, Caller caller) {
        requireAdmin(caller);
        Open311Key key = keys.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("api key", id));
        key.revoke(OffsetDateTime.now());
        return key;
    }

    /**
     * The live key behind a clear key, or a 403: an unknown and a revoked key are refused alike (the message
     * does not tell a guesser which).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Open311Key authenticate(String clearKey) {
        if (clearKey == null || clearKey.isBlank() || clearKey.length() > MAX_KEY_LENGTH) {
            throw DomainProblem.forbidden("the api_key is unknown or revoked");
        }
        return keys.findByHash(IssuedSecrets.sha256(clearKey.strip())).filter(Open311Key::live)
                .orElseThrow(() -> DomainProblem.forbidden("the api_key is unknown or revoked"));
    }

    /** The caller an api key acts as: a citizen, so it files where citizens may and sees no grid data. */
    public static Caller callerOf(Open311Key key) {
        return new Caller(key.subject(), Set.of(Roles.CITIZEN), null);
    }

    private static void requireAdmin(Caller caller) {
        // the resource checks the role too; a use case never trusts its one caller to have done so
        if (!caller.hasRole(Roles.DISTRICT_ADMIN)) {
            throw DomainProblem.forbidden("only district administrators manage Open311 api keys");
        }
    }

}
