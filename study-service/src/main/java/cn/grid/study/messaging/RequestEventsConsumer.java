package cn.grid.study.messaging;

import cn.grid.platform.consumer.EventConsumers;
import cn.grid.platform.consumer.EventHandler;
import cn.grid.platform.events.EventTypes;
import cn.grid.platform.events.RequestTransitionedV1;
import cn.grid.study.app.PracticeService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * request.events → practice and points (consumer group {@code study-service.request-events}): {@code rated}
 * credits or takes back, {@code reopened} takes back. Other moves are not study's business.
 */
@ApplicationScoped
public class RequestEventsConsumer {

    private final EventConsumers consumers;
    private final PracticeService practice;
    private final boolean enabled;
    private final String topic;

    public RequestEventsConsumer(EventConsumers consumers, PracticeService practice,
            @ConfigProperty(name = "grid.study.practice.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "grid.study.practice.topic", defaultValue = EventTypes.REQUEST_TOPIC) String topic) {
        this.consumers = consumers;
        this.practice = practice;
        this.enabled = enabled;
        this.topic = topic;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        EventHandler rated = e -> practice.rated(consumers.codec().data(e, RequestTransitionedV1.class));
        EventHandler reopened = e -> practice.reopened(consumers.codec().data(e, RequestTransitionedV1.class));
        consumers.start("study-service.request-events", topic, Map.of(
                RequestTransitionedV1.typeOf("rated"), rated,
                RequestTransitionedV1.typeOf("reopened"), reopened));
    }
}
