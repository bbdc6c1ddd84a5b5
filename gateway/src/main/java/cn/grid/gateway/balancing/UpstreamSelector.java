package cn.grid.gateway.balancing;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.NoServiceInstanceFoundException;
import io.smallrye.stork.api.Service;
import io.smallrye.stork.api.ServiceDefinition;
import io.smallrye.stork.api.ServiceInstance;
import io.smallrye.stork.servicediscovery.staticlist.StaticConfiguration;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Picks the instance of a service that gets a request: Stork's discovery says which instances exist (a static
 * list, or the Kubernetes endpoints), {@link Ejections} removes those that just failed, and Stork's load balancer
 * (round-robin unless {@code quarkus.stork.<service>.load-balancer.type} says otherwise) chooses among the rest.
 *
 * <p>The filter sits around the load balancer rather than inside a custom one, so ejection works with whichever
 * balancer is configured.
 */
@ApplicationScoped
public class UpstreamSelector {

    private static final Logger LOG = Logger.getLogger(UpstreamSelector.class);

    /** The last list a service's discovery gave, and when ({@code nanoTime}). */
    private record Discovered(List<ServiceInstance> instances, long at) {
    }

    private final Ejections ejections;
    private final long discoveryCacheNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Discovered> discovered = new ConcurrentHashMap<>();

    @Inject
    public UpstreamSelector(Ejections ejections, BalancingConfig config) {
        this(ejections, config.discoveryCache(), System::nanoTime);
    }

    UpstreamSelector(Ejections ejections, Duration discoveryCache, LongSupplier nanoTime) {
        this.ejections = ejections;
        this.discoveryCacheNanos = discoveryCache.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Says at start-up which instances each service has, as Stork's discovery sees them then. */
    void logInstances(@Observes StartupEvent started) {
        Stork.getInstance().getServices().forEach((name, service) -> service.getInstances().subscribe().with(
                all -> LOG.infof("%s: %d instance(s) %s, balanced by %s", name, all.size(), all.stream()
                                .map(i -> UpstreamInstance.address(i.getHost(), i.getPort()))
                                .collect(Collectors.joining(", ")),
                        service.getLoadBalancer().getClass().getSimpleName()),
                failure -> LOG.warnf("%s: its instances cannot be discovered yet: %s", name, failure.getMessage())));
    }

    /**
     * One instance for one attempt of a request.
     *
     * @param service Stork service name, e.g. {@code request-service}
     * @param baseUrl the service's configured URL: its scheme and path apply to every instance (an instance
     *                that Stork marks secure, or that has its own path, keeps that)
     * @param tried   addresses this request was already sent to; a retry must go somewhere else
     * @return the instance, or a failed future with {@link NoServiceInstanceFoundException} when none is left
     */
    public Future<UpstreamInstance> select(String service, URI baseUrl, Set<String> tried) {
        Service stork = service(service, baseUrl);
        return discovered(service, stork::getInstances).map(all -> {
            List<ServiceInstance> candidates = candidates(service, all, tried);
            if (candidates.isEmpty()) {
                throw new NoServiceInstanceFoundException(all.isEmpty() ? "no instance of " + service + " is known"
                        : "no other instance of " + service + " is left to try");
            }
            return instance(service, baseUrl, stork.selectInstanceAndRecordStart(candidates, true));
        });
    }

    /**
     * The instances in rotation that this request has not tried yet. Every instance out: better a guess than a
     * certain 502 (a wrong ejection must not take the service down; the probe may simply not have come round yet).
     * On the hot path — a first attempt, nothing ejected anywhere — the discovered list is used as it is.
     */
    private List<ServiceInstance> candidates(String service, List<ServiceInstance> all, Set<String> tried) {
        if (tried.isEmpty() && !ejections.anyFailing()) {
            return all;
        }
        List<ServiceInstance> inRotation = new ArrayList<>(all.size());
        for (ServiceInstance i : all) {
            if (!ejections.isEjected(service, UpstreamInstance.address(i.getHost(), i.getPort()))) {
                inRotation.add(i);
            }
        }
        List<ServiceInstance> pool = inRotation.isEmpty() ? all : inRotation;
        if (tried.isEmpty()) {
            return pool;
        }
        List<ServiceInstance> candidates = new ArrayList<>(pool.size());
        for (ServiceInstance i : pool) {
            if (!tried.contains(UpstreamInstance.address(i.getHost(), i.getPort()))) {
                candidates.add(i);
            }
        }
        return candidates;
    }

    /** The service's instances as its discovery gave them at most {@code gateway.balancing.discovery-cache} ago. */
    Future<List<ServiceInstance>> discovered(String service, Supplier<Uni<List<ServiceInstance>>> discovery) {
        long now = nanoTime.getAsLong();
        Discovered last = discovered.get(service);
        if (last != null && now - last.at() < discoveryCacheNanos) {
            return Future.succeededFuture(last.instances());
        }
        return onCurrentContext(discovery.get())
                .onSuccess(all -> discovered.put(service, new Discovered(all, now)));
    }

    /** Every instance the discovery knows right now, in or out of rotation (for the health report and probes). */
    public Future<List<UpstreamInstance>> instances(String service, URI baseUrl) {
        return onCurrentContext(service(service, baseUrl).getInstances())
                .map(all -> all.stream().map(i -> instance(service, baseUrl, i)).toList());
    }

    /**
     * The service as Stork knows it. {@code application.properties} defines all three; should a deployment drop
     * the {@code quarkus.stork.*} lines, the gateway's single URL becomes a one-instance static list, as before
     * Stork.
     */
    private static Service service(String service, URI baseUrl) {
        Stork stork = Stork.getInstance();
        return stork.getServiceOptional(service).orElseGet(() -> {
            LOG.infof("no quarkus.stork.%s.* configuration: using %s as its only instance", service, baseUrl);
            stork.defineIfAbsent(service, ServiceDefinition.of(
                    new StaticConfiguration().withAddressList(baseUrl.getHost() + ":" + port(baseUrl))));
            return stork.getService(service);
        });
    }

    private static UpstreamInstance instance(String service, URI baseUrl, ServiceInstance i) {
        boolean ssl = i.isSecure() || "https".equals(baseUrl.getScheme());
        String path = i.getPath().filter(p -> !p.isBlank()).orElse(baseUrl.getRawPath());
        return new UpstreamInstance(service, i.getHost(), i.getPort(), ssl, trimSlash(path), i);
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }

    /** "" or "/base" without a trailing slash: prefixed to every forwarded path (once per request, so no regex). */
    static String trimSlash(String path) {
        if (path == null) {
            return "";
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = path.substring(0, end);
        return trimmed.isEmpty() || trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    /**
     * Stork answers with a Mutiny Uni; the proxy continues on the request's own event loop. A static list answers
     * at once, and then there is no need for a hop through the event loop's queue.
     */
    private static <T> Future<T> onCurrentContext(Uni<T> uni) {
        CompletableFuture<T> result = uni.subscribeAsCompletionStage();
        if (result.isDone() && !result.isCompletedExceptionally()) {
            return Future.succeededFuture(result.join());
        }
        Context context = Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(result) : Future.fromCompletionStage(result, context);
    }
}
