package cn.grid.gateway.balancing;

import io.smallrye.mutiny.Uni;
import io.smallrye.stork.api.ServiceInstance;
import io.smallrye.stork.impl.DefaultServiceInstance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The selector asks Stork's discovery at most once per gateway.balancing.discovery-cache, not per request. */
class DiscoveryCacheTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final AtomicInteger asked = new AtomicInteger();
    final List<ServiceInstance> instances = List.of(new DefaultServiceInstance(1, "127.0.0.1", 8083, false));
    final Supplier<Uni<List<ServiceInstance>>> discovery = () -> {
        asked.incrementAndGet();
        return Uni.createFrom().item(instances);
    };

    @Test
    void withinTheWindowTheLastListIsUsed() {
        UpstreamSelector selector = new UpstreamSelector(null, Duration.ofSeconds(1), now::get);
        assertThat(selector.discovered("request-service", discovery).result()).isEqualTo(instances);
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(selector.discovered("request-service", discovery).result()).isEqualTo(instances);
        assertThat(asked).hasValue(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        selector.discovered("request-service", discovery);
        assertThat(asked).hasValue(2);
        // each service has its own list
        selector.discovered("grid-service", discovery);
        assertThat(asked).hasValue(3);
    }

    @Test
    void zeroAsksEveryTime() {
        UpstreamSelector selector = new UpstreamSelector(null, Duration.ZERO, now::get);
        for (int i = 0; i < 3; i++) {
            selector.discovered("request-service", discovery);
        }
        assertThat(asked).hasValue(3);
    }

    @Test
    void aFailedDiscoveryIsNotRemembered() {
        UpstreamSelector selector = new UpstreamSelector(null, Duration.ofSeconds(1), now::get);
        Supplier<Uni<List<ServiceInstance>>> failing = () -> {
            asked.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("no endpoints yet"));
        };
        assertThat(selector.discovered("request-service", failing).failed()).isTrue();
        assertThat(selector.discovered("request-service", discovery).result()).isEqualTo(instances);
        assertThat(asked).hasValue(2);
    }
}
