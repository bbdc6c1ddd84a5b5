package cn.grid.notification.api;

import cn.grid.notification.app.NotificationStreams;
import cn.grid.notification.domain.Recipient;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.CurrentCaller;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's inbox as a live stream of Server-Sent Events, resumable with Last-Event-ID. */
@Path("/api/v1/me/notifications/stream")
@Tag(name = "Notifications")
@SecurityRequirement(name = "jwt")
public class NotificationStreamResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final String LAST_EVENT_ID_QUERY = "lastEventId";

    private final NotificationStreams streams;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    public NotificationStreamResource(NotificationStreams streams, CurrentCaller caller, ObjectMapper json) {
        this.streams = streams;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Authenticated
    // reading the caller's person may query the registry's read models; the stream itself waits on no thread
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamMyNotifications", summary = "My notifications, live (Server-Sent Events)",
            description = "The caller's inbox (their person's when the login is linked to one, else their login's) "
                    + "as a text/event-stream. Each notification is one event: `id: <seq>`, `event: notification`, "
                    + "`data: <the notification as JSON, as in the inbox>`. The stream begins with a `retry:` "
                    + "field (milliseconds to wait before reconnecting) and sends a comment line (`: heartbeat`) "
                    + "every 15 s. Without Last-Event-ID only notifications that arrive from "
                    + "now on are sent. With it — the `Last-Event-ID` header (what EventSource sends when it "
                    + "reconnects) or the `lastEventId` query parameter (for clients that cannot set headers; the "
                    + "header wins when both are given) — first every notification of the inbox with a greater "
                    + "seq, oldest first, then the new ones: a client that reconnects with the last id it got misses "
                    + "nothing, and no notification comes twice on one connection. The stream stays open until the "
                    + "client closes it; the server ends it when it shuts down or loses its database (reconnect and "
                    + "resume). 503 when this instance has as many streams open as it may: retry after a while.")
    @APIResponse(responseCode = "200", description = "The stream: events named notification, data as below",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = NotificationBodies.View.class)))
    @APIResponse(responseCode = "400", description = "Last-Event-ID (or lastEventId) is not a seq",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "This instance keeps as many streams open as it may",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "The id (seq) of the last event received: resume after it",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @HeaderParam(LAST_EVENT_ID) String lastEventIdHeader,
            @Parameter(description = "The same as the Last-Event-ID header, for clients that cannot set headers",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam(LAST_EVENT_ID_QUERY) String lastEventIdQuery,
            @Context Sse sse) {
        Caller me = caller.get();
        Recipient recipient = Recipient.of(me.personId(), me.subject());
        Long lastEventId = lastEventId(lastEventIdHeader, lastEventIdQuery);
        streams.requireRoom();
        long after = streams.startAfter(recipient, lastEventId);
        SseOutlet outlet = new SseOutlet(sse, json);
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            outlet.attach(emitter);
            outlet.hint(streams.retry().toMillis());
            NotificationStreams.OpenStream stream = streams.open(recipient, after, outlet);
            emitter.onTermination(stream::closed);
        }, streams.queueCapacity()).onItem().invoke(outlet::delivered);
    }

    /** The seq to resume after: the header (a reconnecting EventSource's) before the query parameter. */
    static Long lastEventId(String header, String query) {
        boolean fromHeader = header != null && !header.isBlank();
        String raw = fromHeader ? header : query;
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String field = fromHeader ? LAST_EVENT_ID : LAST_EVENT_ID_QUERY;
        try {
            long seq = Long.parseLong(raw.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainProblem.invalid(field, "must be the id of an event of this stream (a whole number, 0 or more)");
    }
}
