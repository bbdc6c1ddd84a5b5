package cn.grid.gateway.balancing;

import cn.grid.gateway.metrics.UpstreamMetrics;
import cn.grid.gateway.proxy.UpstreamFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.Service;
import io.smallrye.stork.api.ServiceInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Which instances are out of rotation, and the probe that brings them back.
 *
 * <p>Passive ejection: the proxy reports each transport failure (connection refused, reset, or no answer in
 * time, all before any response byte); after {@code gateway.balancing.eject-after-failures} in a row the instance
 * is ejected and {@link UpstreamSelector} stops choosing it. Active re-admission: every
 * {@code gateway.balancing.probe-interval} each ejected instance is asked for its readiness; a 200 puts it back.
 * A request that still reaches it and succeeds (one in flight since before, or the all-ejected fallback) puts it
 * back too.
 */
@ApplicationScoped
public class Ejections {

    private static final Logger LOG = Logger.getLogger(Ejections.class);

    private final ConcurrentMap<String, Failing> failing = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final ReadinessProbe probe;
    private final MeterRegistry metrics;
    private final int ejectAfter;
    private final Duration probeInterval;
    private final Duration probeTimeout;
    private long timer = -1;

    public Ejections(Vertx vertx, ReadinessProbe probe, MeterRegistry metrics, BalancingConfig config) {
        this.vertx = vertx;
        this.probe = probe;
        this.metrics = metrics;
        this.ejectAfter = Math.max(1, config.ejectAfterFailures());
        this.probeInterval = config.probeInterval();
        this.probeTimeout = config.probeTimeout();
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(probeInterval.toMillis(), id -> probeEjected());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether any instance of any service has failed lately: when not, nothing needs filtering. */
    public boolean anyFailing() {
        return !failing.isEmpty();
    }

    public boolean isEjected(String service, String address) {
        Failing f = failing.get(key(service, address));
        return f != null && f.ejected;
    }

    /** The instances of this service that are out of rotation now, by address, with why. */
    public Map<String, String> ejected(String service) {
        return failing.values().stream()
                .filter(f -> f.instance.service().equals(service) && f.ejected)
                .collect(Collectors.toMap(f -> f.instance.address(), f -> f.cause, (a, b) -> a, TreeMap::new));
    }

    /** A transport failure before any response byte: counts towards ejection. */
    public void failed(UpstreamInstance instance, Throwable cause) {
        String why = UpstreamFailures.describe(cause);
        boolean[] ejectedNow = {false};
        Failing after = failing.compute(key(instance.service(), instance.address()), (k, f) -> {
            Failing next = f == null ? new Failing(instance) : f;
            next.failures++;
            next.cause = why;
            if (!next.ejected && next.failures >= ejectAfter) {
                next.ejectedAt = System.nanoTime();
                next.ejected = true;
                ejectedNow[0] = true;
            }
            return next;
        });
        if (ejectedNow[0]) {
            metrics.counter(UpstreamMetrics.EJECTIONS, "service", instance.service()).increment();
            LOG.warnf("%s %s taken out of rotation after %d failure(s) in a row (%s); probing it every %d ms",
                    instance.service(), instance.address(), after.failures, why, probeInterval.toMillis());
        }
    }

    /** An answer came back: the instance works, whatever it had done before. */
    public void succeeded(UpstreamInstance instance) {
        if (failing.isEmpty()) {
            return;
        }
        Failing was = failing.remove(key(instance.service(), instance.address()));
        if (was != null && was.ejected) {
            readmitted(was, "it answered a request");
        }
    }

    private void probeEjected() {
        for (Failing f : failing.values()) {
            if (!f.ejected || !f.probing.compareAndSet(false, true)) {
                continue;
            }
            stillDiscovered(f.instance).compose(known -> {
                if (!known) {
                    // scaled down or replaced: nothing left to bring back
                    failing.remove(key(f.instance.service(), f.instance.address()), f);
                    LOG.infof("%s %s is no longer discovered; forgotten", f.instance.service(), f.instance.address());
                    return Future.succeededFuture();
                }
                return probe.probe(f.instance, probeTimeout).map(state -> {
                    if (ReadinessProbe.UP.equals(state) && failing.remove(key(f.instance.service(),
                            f.instance.address()), f)) {
                        readmitted(f, "its readiness probe answered 200");
                    } else {
                        f.cause = state;
                    }
                    return null;
                });
            }).onComplete(done -> f.probing.set(false));
        }
    }

    private void readmitted(Failing f, String why) {
        metrics.counter(UpstreamMetrics.READMISSIONS, "service", f.instance.service()).increment();
        LOG.infof("%s %s back in rotation after %d ms: %s", f.instance.service(), f.instance.address(),
                (System.nanoTime() - f.ejectedAt) / 1_000_000, why);
    }

    private static Future<Boolean> stillDiscovered(UpstreamInstance instance) {
        Optional<Service> service = Stork.getInstance().getServiceOptional(instance.service());
        if (service.isEmpty()) {
            return Future.succeededFuture(false);
        }
        return Future.fromCompletionStage(service.get().getInstances().subscribeAsCompletionStage())
                .map(List::stream)
                .map(all -> all.map(Ejections::address).collect(Collectors.toSet()))
                .map((Set<String> addresses) -> addresses.contains(instance.address()))
                .otherwise(true);
    }

    private static String address(ServiceInstance i) {
        return UpstreamInstance.address(i.getHost(), i.getPort());
    }

    private static String key(String service, String address) {
        return service + " " + address;
    }

    /** An instance with failures in a row, until it answers again. Counted and ejected only inside compute. */
    private static final class Failing {
        final UpstreamInstance instance;
        final AtomicBoolean probing = new AtomicBoolean();
        int failures;
        volatile boolean ejected;
        volatile long ejectedAt;
        volatile String cause;

        Failing(UpstreamInstance instance) {
            this.instance = instance;
        }
    }
}
