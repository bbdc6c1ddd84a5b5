package cn.grid.platform.gridview;

import cn.grid.platform.consumer.EventConsumers;
import cn.grid.platform.events.EventTypes;
import cn.grid.platform.events.GridNodeCreatedV1;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.UUID;

/**
 * Keeps {@code grid_node_view} in step with grid.events, for services that set {@code grid.gridview.enabled=true}
 * (and add {@code db/gridview} to their Flyway locations). Consumer group: {@code <application>.grid-events}.
 */
@ApplicationScoped
public class GridNodeViewConsumer {

    private final EventConsumers consumers;
    private final GridNodeViews views;
    private final boolean enabled;
    private final String consumerName;
    private final String topic;

    public GridNodeViewConsumer(EventConsumers consumers, GridNodeViews views,
            @ConfigProperty(name = "grid.gridview.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "grid.gridview.topic", defaultValue = EventTypes.GRID_TOPIC) String topic) {
        this.consumers = consumers;
        this.views = views;
        this.enabled = enabled;
        this.consumerName = application + ".grid-events";
        this.topic = topic;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            consumers.start(consumerName, topic, Map.of(EventTypes.GRID_NODE_CREATED, e -> {
                GridNodeCreatedV1 created = consumers.codec().data(e, GridNodeCreatedV1.class);
                views.apply(UUID.fromString(e.id()), created);
            }));
        }
    }
}
