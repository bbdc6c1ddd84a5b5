package cn.grid.readmodel.grid;

import cn.grid.contracts.events.EventTypes;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** {@code grid.gridview.*}: the registry's read models a service keeps from grid.events ({@link GridNodeViewConsumer}). */
@ConfigMapping(prefix = "grid.gridview")
public interface GridViewConfig {

    /**
     * Whether this service consumes grid.events into its grid views: on in request- and study-service, off in
     * grid-service, which owns the registry itself (and does not ship the views' migrations).
     */
    @WithDefault("false")
    boolean enabled();

    /** The topic grid-service publishes to; overridable for a test or a renamed topic. */
    @WithDefault(EventTypes.GRID_TOPIC)
    String topic();

    /**
     * {@code table.column} pairs of the service's own tables that hold a materialized grid path
     * ({@code service_request.grid_path}): a {@code node.moved} rewrites them with the views, so scope checks on
     * the service's records follow the move.
     */
    Optional<List<String>> pathColumns();
}
