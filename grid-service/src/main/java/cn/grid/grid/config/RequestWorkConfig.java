package cn.grid.grid.config;

import cn.grid.contracts.events.EventTypes;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code grid.request-work.*}: the consumer of request.events that keeps {@code request_work_view}. */
@ConfigMapping(prefix = "grid.request-work")
public interface RequestWorkConfig {

    /**
     * Whether grid-service keeps which tickets are open in which grid: without it a node with open tickets could be
     * retired. Off only in tests that feed the view themselves.
     */
    @WithDefault("true")
    boolean enabled();

    /** The topic request-service publishes to. */
    @WithDefault(EventTypes.REQUEST_TOPIC)
    String topic();
}
