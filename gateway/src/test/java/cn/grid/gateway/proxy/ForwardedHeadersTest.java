package cn.grid.gateway.proxy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedHeadersTest {

    @Test
    void hopByHopHeadersAreKnownInAnyCase() {
        for (String name : new String[] {"Connection", "keep-alive", "TE", "Trailer", "Transfer-Encoding", "UPGRADE",
            "Proxy-Authorization", "proxy-connection"}) {
            assertThat(ForwardedHeaders.hopByHop(name)).as(name).isTrue();
        }
        for (String name : new String[] {"Authorization", "Content-Type", "traceparent", "Tea", "Proxy", "X-Proxy-Id"}) {
            assertThat(ForwardedHeaders.hopByHop(name)).as(name).isFalse();
        }
    }
}
