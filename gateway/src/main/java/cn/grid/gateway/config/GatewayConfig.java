package cn.grid.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything under {@code gateway.*}: where the services live and whether dev tokens are handed out. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Upstreams upstreams();

    DevToken devToken();

    Client client();

    Dashboard dashboard();

    RateLimits rateLimits();

    BodyLimits bodyLimits();

    /**
     * The longest request URI (path and query) the gateway forwards; a longer one is a 414 problem. At most what
     * the services' HTTP codec takes in a request line (4 KB by default), so that a service never answers a bare
     * 414 through the gateway; the gateway's own codec takes up to quarkus.http.limits.max-initial-line-length.
     */
    @WithDefault("4000")
    int maxUriLength();

    Cors cors();

    Auth auth();

    SwaggerUi swaggerUi();

    /** {@code /q/swagger-ui}: a page for people trying the API, not for a production edge (off but in dev and test). */
    interface SwaggerUi {
        @WithDefault("false")
        boolean enabled();
    }

    /** Verified tokens remembered until they expire: see {@code VerifiedTokens}. */
    interface Auth {
        VerifiedTokenCache verifiedTokens();
    }

    interface VerifiedTokenCache {
        @WithDefault("10000")
        long maxSize();

        @WithDefault("5M")
        java.time.Duration ttl();
    }

    /**
     * Token buckets per token subject and per client address. A limit is written {@code <requests>/<period>}
     * ({@code 1000/10S}: a bucket of 1000 that refills fully in 10 s). A route (one of the gateway's path
     * prefixes, {@code "/open311"}) may have its own; routes without one share the default buckets.
     */
    interface RateLimits {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("1000/10S")
        String perSubject();

        @WithDefault("3000/10S")
        String perAddress();

        /** The most keys (subjects, addresses) held per bucket set; idle ones expire earlier on their own. */
        @WithDefault("100000")
        long maxKeys();

        /** Per route prefix, quoted: {@code gateway.rate-limits.routes."/open311".per-address=600/10S}. */
        Map<String, RouteRateLimits> routes();
    }

    interface RouteRateLimits {
        Optional<String> perSubject();

        Optional<String> perAddress();
    }

    /** The largest request body per route; a memory size such as {@code 10M} or {@code 256K}. */
    interface BodyLimits {
        @WithName("default")
        @WithDefault("10M")
        String defaultLimit();

        /** Per route prefix, quoted: {@code gateway.body-limits.routes."/open311"=256K}. */
        Map<String, String> routes();
    }

    /** Browser clients: which origins may call the gateway from a web page (exact match, none by default). */
    interface Cors {
        Optional<List<String>> origins();

        /** How long a browser may reuse a preflight answer. */
        @WithDefault("1H")
        Duration maxAge();
    }

    interface Dashboard {
        /**
         * The longest a composite read waits for each of its parts (never longer than the part's route timeout);
         * a part that takes longer is left out and named in the answer's {@code missing}.
         */
        @WithDefault("3S")
        Duration timeout();
    }

    interface Upstreams {
        Upstream grid();

        Upstream study();

        Upstream request();

        Upstream notification();
    }

    interface Upstream {
        /** Base URL of the service, e.g. {@code http://127.0.0.1:8081}; the request path is appended as is. */
        URI url();

        /**
         * The longest the gateway waits on the service: to connect, between two chunks of the request body it
         * forwards, and from the end of the request to the response headers. Never applied to the response
         * body, which a slow client may legitimately hold back.
         */
        @WithDefault("10S")
        Duration timeout();
    }

    interface DevToken {
        /** Read at start-up, not at build time: the launcher runs the packaged jar with QUARKUS_PROFILE=dev. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("1H")
        Duration lifetime();

        /** Must be one of mp.jwt.verify.audiences, or the suite rejects its own dev tokens. */
        @WithDefault("grid-suite")
        String audience();
    }

    interface Client {
        /** Pooled HTTP/1.1 connections per service; requests beyond it wait in a queue. */
        @WithDefault("100")
        int maxConnectionsPerUpstream();

        /**
         * Connections per service instance for event streams (requests that accept only {@code text/event-stream}):
         * a pool of their own, as each open stream holds its connection for hours; in the API's pool they would
         * leave every other request of that service waiting. Beyond it, further streams wait in a queue.
         */
        @WithDefault("10000")
        int maxStreamsPerUpstream();

        /** How long the upstream health probe (reported on /q/health/well) may take per service. */
        @WithDefault("2S")
        Duration healthProbeTimeout();
    }
}
