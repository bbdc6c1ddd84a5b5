package cn.grid.readmodel.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.grid.AssignmentEndedV1;
import cn.grid.contracts.events.grid.AssignmentStartedV1;
import cn.grid.contracts.events.grid.GridBoundaryChangedV1;
import cn.grid.contracts.events.grid.GridNodeCreatedV1;
import cn.grid.contracts.events.grid.GridNodeMovedV1;
import cn.grid.contracts.events.grid.GridNodeRetiredV1;
import cn.grid.contracts.events.grid.GridNodeUpdatedV1;
import cn.grid.contracts.events.grid.PartyMemberRegisteredV1;
import cn.grid.contracts.events.grid.PartyMemberUnregisteredV1;
import cn.grid.contracts.events.grid.PartyOrgChangedV1;
import cn.grid.contracts.events.grid.PartyOrgCreatedV1;
import cn.grid.contracts.events.grid.PartyOrgMembershipChangedV1;
import cn.grid.contracts.events.grid.TeamChangedV1;
import cn.grid.platform.consumer.EventConsumers;
import cn.grid.platform.consumer.EventHandler;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

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
    private final PartyOrgAndTeamViews orgs;
    private final GridBoundaryViews boundaries;
    private final boolean enabled;
    private final String consumerName;
    private final String topic;
    private final List<String> pathColumns;

    public GridNodeViewConsumer(EventConsumers consumers, GridNodeViews views, GridAssignmentViews assignments,
            PartyOrgAndTeamViews orgs, GridBoundaryViews boundaries,
            GridViewConfig config, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.consumers = consumers;
        this.views = views;
        this.assignments = assignments;
        this.orgs = orgs;
        this.boundaries = boundaries;
        this.enabled = config.enabled();
        this.consumerName = application + ".grid-events";
        this.topic = config.topic();
        this.pathColumns = config.pathColumns().orElse(List.of());
    }

    /**
     * An effect that takes the event's stamp (id and subject sequence, for the read model's last_event_id and
     * last_sequence) and the typed data.
     */
    private <T> EventHandler handle(Class<T> type, BiConsumer<EventStamp, T> effect) {
        return event -> effect.accept(EventStamp.of(event), consumers.codec().data(event, type));
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            consumers.start(consumerName, topic, Map.ofEntries(
                    Map.entry(EventTypes.PARTY_ORG_CREATED, handle(PartyOrgCreatedV1.class, orgs::apply)),
                    Map.entry(EventTypes.PARTY_ORG_CHANGED, handle(PartyOrgChangedV1.class, orgs::apply)),
                    Map.entry(EventTypes.PARTY_ORG_MEMBERSHIP_CHANGED, handle(PartyOrgMembershipChangedV1.class, orgs::apply)),
                    Map.entry(EventTypes.TEAM_CHANGED, handle(TeamChangedV1.class, orgs::apply)),
                    Map.entry(EventTypes.GRID_BOUNDARY_CHANGED, handle(GridBoundaryChangedV1.class, boundaries::apply)),
                    Map.entry(EventTypes.GRID_NODE_CREATED, handle(GridNodeCreatedV1.class, views::apply)),
                    Map.entry(EventTypes.GRID_NODE_UPDATED, handle(GridNodeUpdatedV1.class, views::apply)),
                    Map.entry(EventTypes.GRID_NODE_MOVED, handle(GridNodeMovedV1.class, (id, moved) -> views.apply(id, moved, pathColumns))),
                    Map.entry(EventTypes.GRID_NODE_RETIRED, handle(GridNodeRetiredV1.class, views::apply)),
                    Map.entry(EventTypes.ASSIGNMENT_STARTED, handle(AssignmentStartedV1.class, assignments::apply)),
                    Map.entry(EventTypes.ASSIGNMENT_ENDED, handle(AssignmentEndedV1.class, assignments::apply)),
                    Map.entry(EventTypes.PARTY_MEMBER_REGISTERED, handle(PartyMemberRegisteredV1.class, assignments::apply)),
                    Map.entry(EventTypes.PARTY_MEMBER_UNREGISTERED, handle(PartyMemberUnregisteredV1.class, assignments::apply))));
        }
    }
}
