package cn.grid.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified token of the current request as a framework-free {@link Caller}.
 *
 * <p>Read at call time (the token is request-scoped) so singletons may hold this bean safely.
 */
@ApplicationScoped
public class CurrentCaller {

    private final JsonWebToken token;

    public CurrentCaller(JsonWebToken token) {
        this.token = token;
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
        return new Caller(subject, token.getGroups(), scopeOf(token.getClaim(Caller.GRID_SCOPE_CLAIM)));
    }

    private static String scopeOf(Object claim) {
        String scope = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        return scope == null || scope.isBlank() ? null : scope;
    }
}
