package cn.grid.request.api;

import cn.grid.platform.security.CurrentCaller;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.readmodel.grid.KnownGridNodeResourceBase;
import jakarta.ws.rs.Path;

/** The grid read model that request routing uses, as fed by grid.events. */
@Path("/api/v1/requests/grid-nodes")
public class KnownGridNodeResource extends KnownGridNodeResourceBase {

    public KnownGridNodeResource(GridNodeViews views, CurrentCaller caller) {
        super(views, caller);
    }
}
