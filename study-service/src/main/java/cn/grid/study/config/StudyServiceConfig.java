package cn.grid.study.config;

import cn.grid.contracts.events.EventTypes;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * study-service's own settings under {@code grid.study.*} (the platform's — {@code grid.events},
 * {@code grid.outbox}, {@code grid.gridview}, {@code grid.rights} ... — have mappings of their own in platform).
 */
@ConfigMapping(prefix = "grid.study")
public interface StudyServiceConfig {

    Practice practice();

    /** {@code grid.study.practice.*}: practice (实践) recorded from request-service's rated tickets. */
    interface Practice {

        /**
         * Whether study-service consumes request.events: a satisfied rating records practice and credits PRACTICE
         * points to the member who signed the ticket, a dissatisfied one or a reopen reverses both. Off only in
         * tests that record practice themselves.
         */
        @WithDefault("true")
        boolean enabled();

        /** The topic request-service publishes to. */
        @WithDefault(EventTypes.REQUEST_TOPIC)
        String topic();
    }
}
