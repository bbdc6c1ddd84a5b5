package cn.grid.platform.tracing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParentTest {

    static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsOnlyValidTraceparents() {
        assertThat(TraceParent.traceId(VALID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.valid("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-more")).isTrue();
        assertThat(TraceParent.traceId(null)).isNull();
        assertThat(TraceParent.traceId("nonsense")).isNull();
        assertThat(TraceParent.valid(VALID.toUpperCase())).isFalse();
        assertThat(TraceParent.valid("ff" + VALID.substring(2))).isFalse();
        assertThat(TraceParent.valid(VALID + "-")).isFalse();
        assertThat(TraceParent.valid("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
        assertThat(TraceParent.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isFalse();
    }

    @Test
    void aChildKeepsTraceIdAndFlagsWithANewParentId() {
        String child = TraceParent.child(VALID);
        assertThat(TraceParent.valid(child)).isTrue();
        assertThat(child).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01");
        assertThat(child.substring(36, 52)).isNotEqualTo("00f067aa0ba902b7");
        assertThat(TraceParent.child("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")).endsWith("-00");
        assertThat(TraceParent.child(null)).isNull();
        assertThat(TraceParent.child("nonsense")).isNull();
    }

    @Test
    void theMdcHoldsOnlyValidOnes() {
        try {
            assertThat(TraceMdc.put("nonsense")).isFalse();
            assertThat(TraceMdc.traceparent()).isNull();
            assertThat(TraceMdc.put(VALID)).isTrue();
            assertThat(TraceMdc.traceparent()).isEqualTo(VALID);
            assertThat(org.jboss.logging.MDC.get(TraceMdc.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        } finally {
            TraceMdc.clear();
        }
        assertThat(TraceMdc.traceparent()).isNull();
    }
}
