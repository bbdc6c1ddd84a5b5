package cn.grid.platform.concurrency;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Responses that carry an entity's version as its ETag — the value a client sends back in {@code If-Match}
 * (see {@link IfMatch}).
 */
public final class Versioned {

    private Versioned() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** 200 with the entity and its ETag. */
    public static Response ok(Object entity, long version) {
        return Response.ok(entity).tag(etag(version)).build();
    }

    /** 201 with the entity, its ETag and, when known, its Location. */
    public static Response.ResponseBuilder created(URI location, Object entity, long version) {
        Response.ResponseBuilder response = location == null ? Response.status(Response.Status.CREATED)
                : Response.created(location);
        return response.tag(etag(version)).entity(entity);
    }
}
