package cn.grid.notification.api;

import cn.grid.notification.app.InboxService;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications (inbox)")
@SecurityRequirement(name = "jwt")
@Authenticated
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class NotificationResource {

    private final InboxService inbox;
    private final CurrentCaller caller;

    public NotificationResource(InboxService inbox, CurrentCaller caller) {
        this.inbox = inbox;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listMyNotifications", summary = "The caller's inbox, newest first",
            description = "Any logged-in caller reads their own inbox and no other: the notifications of their "
                    + "registry person when the login is linked to one, else those of their login (a citizen). "
                    + "Newest first (seq descending), keyset-paged: pass nextCursor as cursor for the next, older "
                    + "page. kind keeps one kind (request.dispatched ...), unread=true only the unread ones; "
                    + "unreadCount is the inbox's unread total whatever the filters. A limit outside 1..100 is "
                    + "clamped; a cursor this API did not issue, or a kind that is not one (lower case, "
                    + "dot-separated), is a 400.")
    @APIResponse(responseCode = "200", description = "A page of the inbox",
            content = @Content(schema = @Schema(implementation = NotificationBodies.Page.class)))
    @APIResponse(responseCode = "400", description = "Bad cursor, limit or kind",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NotificationBodies.Page list(
            @QueryParam("limit") @Parameter(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("kind") @Parameter(description = "only notifications of this kind",
                    example = "request.dispatched") String kind,
            @QueryParam("unread") @Parameter(description = "true: only unread notifications; false or absent: all",
                    schema = @Schema(type = SchemaType.BOOLEAN)) String unread) {
        return NotificationBodies.Page.of(inbox.page(caller.get(), PageRequest.of(limit, cursor), kind,
                unreadOnly(unread)));
    }

    @POST
    @Path("/{id}/read")
    @Operation(operationId = "markMyNotificationRead", summary = "Marks one notification of the caller's read",
            description = "Idempotent: a notification already read stays as it was (its readAt unchanged) and "
                    + "answers 204 again. A notification of another inbox is not found, as is an unknown id.")
    @APIResponse(responseCode = "204", description = "Read")
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such notification in the caller's inbox",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void markRead(@PathParam("id") UUID id) {
        inbox.markRead(caller.get(), id);
    }

    /** {@code unread} strictly: a value that is neither true nor false is a mistake, not "all". */
    private static boolean unreadOnly(String unread) {
        if (unread == null || unread.isEmpty() || "false".equals(unread)) {
            return false;
        }
        if ("true".equals(unread)) {
            return true;
        }
        throw DomainProblem.invalid("unread", "true or false");
    }

    @POST
    @Path("/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "markMyNotificationsRead", summary = "Marks the caller's notifications read: all, or up "
            + "to a seq",
            description = "Without a body, or with upToSeq absent, every unread notification of the caller's inbox "
                    + "is marked read; with upToSeq only those with a seq up to it (the newest an app has shown, so "
                    + "one that arrived meanwhile stays unread). Answers how many it marked and how many stay "
                    + "unread. A negative upToSeq, an unknown field or malformed JSON is a 400; a body of another "
                    + "type than JSON a 415 (no body at all, with or without a Content-Type, means all).")
    @APIResponse(responseCode = "200", description = "Marked",
            content = @Content(schema = @Schema(implementation = NotificationBodies.Marked.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A body that is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NotificationBodies.Marked markAllRead(
            @RequestBody(required = false, description = "optional: {\"upToSeq\": n}")
            @Valid NotificationBodies.MarkRead body) {
        return NotificationBodies.Marked.of(inbox.markAllRead(caller.get(), body == null ? null : body.upToSeq()));
    }
}
