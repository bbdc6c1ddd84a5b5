package cn.grid.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;

/**
 * The services' bearer-token check with a memory: Quarkus' JWT mechanism verifies each request's token with
 * {@link #parse(String)}, and this parser answers a token it verified before from {@link VerifiedTokenCache}
 * (until the token expires), so the RSA signature of the session's token is checked once per instance rather than
 * on every call. Everything else is smallrye-jwt's own parser, which this one is.
 *
 * <p>{@code grid.auth.verified-tokens.max-size} (default 10000) and {@code .ttl} (default 5M) bound it; the
 * gateway keeps a cache of its own with the same rules.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser extends DefaultJWTParser {

    private final VerifiedTokenCache cache;

    @Inject
    public CachingJwtParser(
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long skewSeconds,
            VerifiedTokensConfig config) {
        this.cache = new VerifiedTokenCache(super::parse, skewSeconds, config.maxSize(), config.ttl(),
                Clock.systemUTC());
    }

    /**
     * A token without a subject ({@code sub}) is refused like a bad signature (401): every use case records who
     * acted, and a caller nobody can name must not get as far as one (a ticket submitted with it was a 500).
     */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken verified = cache.verify(token);
        if (verified.getSubject() == null || verified.getSubject().isBlank()) {
            throw new ParseException("the token has no subject (sub)");
        }
        return verified;
    }
}
