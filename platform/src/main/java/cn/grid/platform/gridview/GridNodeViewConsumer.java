package cn.grid.platform.gridview;

import cn.grid.platform.consumer.EventConsumers;
import cn.grid.platform.events.AssignmentEndedV1;
import cn.grid.platform.events.AssignmentStartedV1;
import cn.grid.platform.events.EventTypes;
import cn.grid.platform.events.GridNodeCreatedV1;
import cn.grid.platform.events.GridNodeMovedV1;
import cn.grid.platform.events.GridNodeRetiredV1;
import cn.grid.platform.events.GridNodeUpdatedV1;
import cn.grid.platform.events.PartyMemberRegisteredV1;
import cn.grid.platform.events.PartyMemberUnregisteredV1;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps {@code grid_node_view} in step with grid.events, for services that set {@code grid.gridview.enabled=true}
 * (and add {@code db/gridview} to their Flyway locations). Consumer group: {@code <application>.grid-events}.
 * A service that keeps its own copies of grid paths lists them in {@code grid.gridview.path-columns}
 * ({@code table.column}); a subtree move rewrites them in the same transaction as the read model.
 */
@ApplicationScoped
public class GridNodeViewConsumer {

    private final EventConsumers consumers;
    private final GridNodeViews views;
    private final GridAssignmentViews assignments;
    private final boolean enabled;
    private final String consumerName;
    private final String topic;
    private final List<String> pathColumns;

    public GridNodeViewConsumer(EventConsumers consumers, GridNodeViews views, GridAssignmentViews assignments,
            @ConfigProperty(name = "grid.gridview.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "grid.gridview.topic", defaultValue = EventTypes.GRID_TOPIC) String topic,
            @ConfigProperty(name = "grid.gridview.path-columns") Optional<List<String>> pathColumns) {
        this.consumers = consumers;
        this.views = views;
        this.assignments = assignments;
        this.enabled = enabled;
        this.consumerName = application + ".grid-events";
        this.topic = topic;
        this.pathColumns = pathColumns.orElse(List.of());
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            consumers.start(consumerName, topic, Map.of(
                    EventTypes.GRID_NODE_CREATED, e -> views.apply(UUID.fromString(e.id()),
                            consumers.codec().data(e, GridNodeCreatedV1.class)),
                    EventTypes.GRID_NODE_UPDATED, e -> views.apply(UUID.fromString(e.id()),
                            consumers.codec().data(e, GridNodeUpdatedV1.class)),
                    EventTypes.GRID_NODE_MOVED, e -> views.apply(UUID.fromString(e.id()),
                            consumers.codec().data(e, GridNodeMovedV1.class), pathColumns),
                    EventTypes.GRID_NODE_RETIRED, e -> views.apply(UUID.fromString(e.id()),
                            consumers.codec().data(e, GridNodeRetiredV1.class)),
                    EventTypes.ASSIGNMENT_STARTED, e -> assignments.apply(UUID.fromString(e.id()),
                            consumers.codec().data(e, AssignmentStartedV1.class)),
                    EventTypes.ASSIGNMENT_ENDED, e -> assignments.apply(UUID.fromString(e.id()),
                            consumers.codec().data(e, AssignmentEndedV1.class)),
                    EventTypes.PARTY_MEMBER_REGISTERED, e -> assignments.apply(UUID.fromString(e.id()),
                            consumers.codec().data(e, PartyMemberRegisteredV1.class)),
                    EventTypes.PARTY_MEMBER_UNREGISTERED, e -> assignments.apply(UUID.fromString(e.id()),
                            consumers.codec().data(e, PartyMemberUnregisteredV1.class))));
        }
    }
}
