package cn.grid.gateway;

import cn.grid.gateway.proxy.TraceContext;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TraceparentTest {

    static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void validatesAsTheW3cSpecSays() {
        assertThat(TraceContext.valid(VALID)).isTrue();
        assertThat(TraceContext.valid("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")).isTrue();
        assertThat(TraceContext.valid(null)).isFalse();
        assertThat(TraceContext.valid("")).isFalse();
        assertThat(TraceContext.valid(VALID + "-x")).isFalse();
        assertThat(TraceContext.valid(VALID.toUpperCase())).isFalse();
        assertThat(TraceContext.valid("ff" + VALID.substring(2))).isFalse();
        assertThat(TraceContext.valid("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
        assertThat(TraceContext.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isFalse();
        assertThat(TraceContext.valid("00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01")).isFalse();
    }

    @Test
    void generatedOnesAreValidAndDistinct() {
        Set<String> traceIds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String traceparent = TraceContext.generate();
            assertThat(TraceContext.valid(traceparent)).as(traceparent).isTrue();
            traceIds.add(traceparent.substring(3, 35));
        }
        assertThat(traceIds).hasSize(1000);
    }
}
