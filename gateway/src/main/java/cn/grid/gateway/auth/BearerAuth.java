package cn.grid.gateway.auth;

import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.gateway.proxy.RequestIds;
import cn.grid.platform.problem.ProblemType;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Lets a request through only with a valid bearer token: signed by the suite's key (RS256 — so
 * {@code alg: none} and foreign keys fail), from the configured issuer, for the suite's audience, not
 * expired. The token then travels on unchanged: each service verifies it again and reads the caller from it.
 */
@ApplicationScoped
public class BearerAuth {

    private static final Logger LOG = Logger.getLogger(BearerAuth.class);
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";
    /** The verified token's subject in the routing context: for the rate limits and the access log. */
    public static final String SUBJECT = "gateway.subject";
    /** The subject as the access log prints it ({@link LogSafe#escape}): no control character reaches the log. */
    public static final String LOGGED_SUBJECT = "gateway.logged-subject";

    private final VerifiedTokens tokens;
    private final ProblemResponses problems;

    public BearerAuth(VerifiedTokens tokens, ProblemResponses problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    /** Route handler: goes on with a valid token, answers 401 otherwise. */
    public void handle(RoutingContext ctx) {
        List<String> headers = ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        if (headers.size() > 1) {
            // the gateway and a service might each read a different one: refuse the request, not just the token
            problems.send(ctx, ProblemType.BAD_REQUEST, "send one Authorization header, not " + headers.size());
            return;
        }
        String header = headers.isEmpty() ? null : headers.get(0);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            deny(ctx, "a bearer token is required");
            return;
        }
        try {
            String subject = tokens.verify(header.substring(BEARER.length()).strip()).subject();
            if (subject != null) {
                ctx.put(SUBJECT, subject);
                // the access log prints this value as it is: a signed token may still carry CR/LF in its subject
                ctx.put(LOGGED_SUBJECT, LogSafe.escape(subject));
            }
        } catch (ParseException e) {
            LOG.debugf("request %s: token refused: %s", RequestIds.of(ctx), e.getMessage());
            deny(ctx, "the bearer token is invalid or expired");
            return;
        }
        ctx.next();
    }

    /**
     * Route handler for paths where a token is optional (Open311: integrators authenticate with an api_key that
     * the service checks): no Authorization header goes on; one that is sent must be a valid bearer token.
     */
    public void handleOptional(RoutingContext ctx) {
        if (!ctx.request().headers().contains(HttpHeaders.AUTHORIZATION)) {
            ctx.next();
            return;
        }
        handle(ctx);
    }

    /**
     * Route handler for /xapi: a bearer token is checked here as on /api; HTTP Basic credentials (an LRS client's
     * key and secret, which xAPI libraries and the ADL conformance runner send) and calls without credentials go on
     * to study-service, which checks the client's secret against its own table and answers 401 with its
     * {@code Basic realm="xAPI"} challenge (the gateway has no database to check them against).
     */
    public void handleBearerOrBasic(RoutingContext ctx) {
        List<String> headers = ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        if (headers.isEmpty()
                || headers.size() == 1 && headers.get(0).regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            ctx.next();
            return;
        }
        handle(ctx);
    }

    private void deny(RoutingContext ctx, String detail) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        problems.send(ctx, ProblemType.UNAUTHORIZED, detail);
    }
}
