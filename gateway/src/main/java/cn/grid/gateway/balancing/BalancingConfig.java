package cn.grid.gateway.balancing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Everything under {@code gateway.balancing.*}: when an instance is taken out of rotation, how it is probed back
 * in, and which requests may be tried again on another instance. Which instances exist is Stork's business
 * ({@code quarkus.stork.<service>.*}).
 */
@ConfigMapping(prefix = "gateway.balancing")
public interface BalancingConfig {

    /**
     * Consecutive transport failures (refused, reset or timed out before any response byte) after which an
     * instance is taken out of rotation. 1: the first one does, since a refused connection is conclusive and a
     * wrong ejection only lasts until the next probe.
     */
    @WithDefault("1")
    int ejectAfterFailures();

    /**
     * How long the instance list Stork's discovery gave is used before it is asked again. Asking costs a Mutiny
     * subscription and, for a static list, parsing every address — once per request it was 5 % of the gateway's
     * CPU samples. Kubernetes discovery refreshes on its own period anyway; a removed instance that still gets a
     * request in this window fails over like any dead one (ejection, retry). 0: ask on every request.
     */
    @WithDefault("1S")
    Duration discoveryCache();

    /** How often each ejected instance is probed on its readiness path; a 200 puts it back in rotation. */
    @WithDefault("2S")
    Duration probeInterval();

    /** How long one probe may take (connect and answer) before it counts as "still down". */
    @WithDefault("1S")
    Duration probeTimeout();

    /** The path probed, below the instance's base path (on its management port: without it). */
    @WithDefault("/q/health/ready")
    String probePath();

    /**
     * Where an instance's health is: its port plus this offset. The services serve /q/health only on their
     * management interface (quarkus.management.port), which is their HTTP port + 100 wherever the suite runs
     * (launcher, compose, Kubernetes), and which the gateway never routes. 0: on the instance's own port.
     */
    @WithDefault("100")
    int probePortOffset();

    /**
     * How many times a retryable request may be tried again, each time on an instance it has not been sent to
     * yet. 0 turns retries off.
     */
    @WithDefault("1")
    int retries();

    /**
     * The largest request body (by Content-Length) the gateway holds to be able to replay it. A retryable
     * request with a larger or chunked body is streamed once and not retried.
     */
    @WithDefault("65536")
    int retryBodyLimit();
}
