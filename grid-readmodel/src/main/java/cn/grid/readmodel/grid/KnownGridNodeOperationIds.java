package cn.grid.readmodel.grid;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

import java.util.Locale;

/**
 * Names the read-model operation of {@link KnownGridNodeResourceBase} after the path each service mounts it on
 * ({@code GET /api/v1/requests/grid-nodes/{id}} → {@code getRequestsKnownGridNode}). The base class is shared, so an
 * operationId in its annotation would be the same in every service and clash in the gateway's merged spec; without
 * one, generated clients had to invent a name. Registered once for every service that links this module, in its own
 * {@code META-INF/microprofile-config.properties}.
 */
public class KnownGridNodeOperationIds implements OASFilter {

    static final String SUFFIX = "/grid-nodes/{id}";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            Operation get = item.getGET();
            if (get != null && get.getOperationId() == null && path.endsWith(SUFFIX)) {
                get.setOperationId(operationIdFor(path));
            }
        });
    }

    /** {@code /api/v1/study/grid-nodes/{id}} → {@code getStudyKnownGridNode}: the segment it is mounted under. */
    static String operationIdFor(String path) {
        String mount = path.substring(0, path.length() - SUFFIX.length());
        String segment = mount.substring(mount.lastIndexOf('/') + 1);
        return "get" + segment.substring(0, 1).toUpperCase(Locale.ROOT) + segment.substring(1) + "KnownGridNode";
    }
}
