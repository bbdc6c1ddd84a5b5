package cn.grid.platform.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedHttpTagsTest {

    @Test
    void anUndefinedMethodIsCountedAsOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(BoundedHttpTags.methods());
        for (String method : new String[] {"GET", "MX7F3A", "M0001", "get", "POST"}) {
            registry.counter("http.server.requests", "method", method, "uri", "/api/*").increment();
        }
        assertThat(registry.find("http.server.requests").counters())
                .extracting(c -> c.getId().getTag("method"))
                .containsExactlyInAnyOrder("GET", "POST", "OTHER");
        assertThat(registry.find("http.server.requests").tag("method", "OTHER").counter().count()).isEqualTo(3);
    }
}
