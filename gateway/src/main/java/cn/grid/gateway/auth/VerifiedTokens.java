package cn.grid.gateway.auth;

import cn.grid.gateway.config.GatewayConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers the tokens the gateway has verified, until they expire. The signature check (RS256) was a quarter of
 * the gateway's CPU per request (JFR under wrk), and a mobile client sends the same token for its whole session.
 * A token is looked up by its exact text, so a forged or altered one is never a hit; a remembered one is refused
 * again once past its expiry plus the clock skew that verification allows. What a cache cannot know: a key removed
 * from the JWKS keeps its already-seen tokens valid until they expire or {@code ttl} passes.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** What the gateway reads from a verified token; the services read the rest from the token itself. */
    public record Verified(String subject, long expiresAt) {
    }

    private final JWTParser parser;
    private final Cache<String, Verified> verified;
    private final long skewSeconds;
    private final Clock clock;

    @Inject
    public VerifiedTokens(JWTParser parser, GatewayConfig config,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long skewSeconds) {
        this(parser, skewSeconds, config.auth().verifiedTokens().maxSize(), config.auth().verifiedTokens().ttl(),
                Clock.systemUTC());
    }

    VerifiedTokens(JWTParser parser, long skewSeconds, long maxSize, Duration ttl, Clock clock) {
        this.parser = parser;
        this.skewSeconds = skewSeconds;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(ttl)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** The token's subject if it is valid now; throws as the parser does otherwise. */
    public Verified verify(String token) throws ParseException {
        long now = clock.millis() / 1000;
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            if (now <= known.expiresAt() + skewSeconds) {
                return known;
            }
            verified.invalidate(token);
        }
        JsonWebToken jwt = parser.parse(token);
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        Verified fresh = new Verified(subject, jwt.getExpirationTime());
        if (fresh.expiresAt() > 0) {
            verified.put(token, fresh);
        }
        return fresh;
    }
}
