package cn.grid.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** Everything under {@code gateway.*}: where the services live and whether dev tokens are handed out. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Upstreams upstreams();

    DevToken devToken();

    Client client();

    Dashboard dashboard();

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

        /** How long the upstream health probe (reported on /q/health/well) may take per service. */
        @WithDefault("2S")
        Duration healthProbeTimeout();
    }
}
