package cn.grid.gateway.auth;

import cn.grid.gateway.config.DevTokenKeyConfig;
import cn.grid.gateway.config.GatewayConfig;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.platform.security.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /auth/dev-token}: hands out RS256 tokens for any subject and roles, signed with the local key
 * the services trust. A stand-in for the OIDC provider of production, so it exists only where
 * {@code gateway.dev-token.enabled} is true (the dev and test profiles); elsewhere the route is not even
 * registered.
 *
 * <p>A plain singleton, made only when the route is registered: a prod gateway never reads the key, and a dev
 * gateway without one fails at start-up, not on the first request.
 */
@Singleton
public class DevTokens {

    private static final Logger LOG = Logger.getLogger(DevTokens.class);

    private final PrivateKey key;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final ObjectMapper json;
    private final ProblemResponses problems;

    public DevTokens(GatewayConfig config, ObjectMapper json, ProblemResponses problems,
            DevTokenKeyConfig keyConfig, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.key = PemKeys.readPrivateKey(keyConfig.privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                "gateway.dev-token.enabled is true but no signing key is configured: set "
                        + "GRID_JWT_PRIVATE_KEY_LOCATION (grid.jwt.private-key-location)")));
        this.issuer = issuer;
        this.audience = config.devToken().audience();
        this.lifetime = config.devToken().lifetime();
        this.json = json;
        this.problems = problems;
        LOG.warnf("dev tokens are enabled (POST /auth/dev-token): never do this in production");
    }

    /** Route handler; runs on a worker thread (RSA signing is not for the event loop). */
    public void issue(RoutingContext ctx) {
        JsonNode body;
        try {
            body = ctx.body().isEmpty() ? null : json.readTree(ctx.body().asString());
        } catch (JsonProcessingException e) {
            problems.send(ctx, ProblemType.MALFORMED_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        if (body == null || !body.isObject()) {
            problems.send(ctx, ProblemType.MALFORMED_JSON, "the body must be a JSON object");
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        DevTokenRequest request = DevTokenRequest.read(body, errors);
        if (request == null) {
            problems.send(ctx, ProblemType.VALIDATION, errors.stream()
                    .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
            return;
        }
        String token = sign(request);
        try {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(json.writeValueAsString(new DevToken(token)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(DevTokenRequest request) {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .audience(audience)
                .subject(request.subject())
                .upn(request.subject())
                .groups(request.roles())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime));
        if (request.gridScope() != null) {
            claims.claim(Caller.GRID_SCOPE_CLAIM, request.gridScope());
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(key);
    }

    /** The answer: just the compact JWS, to be sent as {@code Authorization: Bearer <token>}. */
    public record DevToken(String token) {
    }
}
