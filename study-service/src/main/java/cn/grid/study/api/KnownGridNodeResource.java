package cn.grid.study.api;

import cn.grid.platform.security.CurrentCaller;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.readmodel.grid.KnownGridNodeResourceBase;
import jakarta.ws.rs.Path;

/** The grid read model that study coverage and scope uses, as fed by grid.events. */
@Path("/api/v1/study/grid-nodes")
public class KnownGridNodeResource extends KnownGridNodeResourceBase {

    public KnownGridNodeResource(GridNodeViews views, CurrentCaller caller) {
        super(views, caller);
    }
}
