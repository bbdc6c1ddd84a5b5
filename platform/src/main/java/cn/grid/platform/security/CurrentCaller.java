package cn.grid.platform.security;

import cn.grid.platform.security.registry.RegistryRolesAugmentor;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified token of the current request, made the registry's person by {@link RegistryRolesAugmentor}, as a
 * framework-free {@link Caller}.
 *
 * <p>Read at call time (the token and the identity are request-scoped) so singletons may hold this bean safely.
 */
@ApplicationScoped
public class CurrentCaller {

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public CurrentCaller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /**
     * The caller; a 401 for a token without a subject (the parser refuses those already; this is the backstop).
     * Without any token (an anonymous call of a public operation) the subject stays null, as before.
     */
    public Caller get() {
        String subject = token.getSubject();
        if ((subject == null || subject.isBlank()) && token.getRawToken() != null) {
            throw new io.quarkus.security.UnauthorizedException("the token has no subject");
        }
        PersonRights person = identity.getAttribute(RegistryRolesAugmentor.RIGHTS_ATTRIBUTE);
        if (person == null) {
            person = PersonRights.NONE;
        }
        return new Caller(subject, identity.getRoles(), scopeOf(token.getClaim(Caller.GRID_SCOPE_CLAIM)),
                person.personId(), person.personName(), person.grants());
    }

    private static String scopeOf(Object claim) {
        String scope = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        return scope == null || scope.isBlank() ? null : scope;
    }
}
