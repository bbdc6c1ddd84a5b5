package cn.grid.notification.api;

import cn.grid.notification.app.InboxService;
import cn.grid.notification.domain.Notification;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The JSON of the inbox API. */
public final class NotificationBodies {

    private NotificationBodies() {
    }

    @Schema(name = "Notification", description = "One notification of the caller's inbox")
    public record View(
            @Schema(description = "The notification's id (for mark read)") UUID id,
            @Schema(description = "Its place in the caller's inbox, 1, 2, 3 ... in the order they were stored; the "
                    + "live stream's event id (Last-Event-ID)", example = "42") long seq,
            @Schema(description = "What happened from the caller's side; the kinds are listed in the service's "
                    + "README (request.dispatched, request.resolved, lecture-order.placed, reflection.submitted ...)",
                    example = "request.dispatched") String kind,
            @Schema(description = "The headline the apps show", example = "新工单派给您：楼道灯不亮") String title,
            @Schema(description = "The longer text, or null", nullable = true) String body,
            @Schema(description = "What it is about: request, lecture-order, study-session, reflection, "
                    + "registration, webhook-subscription; null when about nothing in particular", nullable = true)
            String resourceType,
            @Schema(description = "The id of that resource", nullable = true) String resourceId,
            @Schema(description = "The grid node it happened at", nullable = true) UUID gridNodeId,
            @Schema(description = "The CloudEvent that caused it") UUID sourceEventId,
            @Schema(description = "That event's type", example = "cn.grid.request.dispatched.v1")
            String sourceEventType,
            OffsetDateTime createdAt,
            @Schema(description = "When the caller marked it read; null while unread", nullable = true)
            @JsonInclude(JsonInclude.Include.ALWAYS) OffsetDateTime readAt) {

        public static View of(Notification n) {
            return new View(n.id(), n.seq(), n.kind(), n.title(), n.body(), n.resourceType(), n.resourceId(),
                    n.gridNodeId(), n.sourceEventId(), n.sourceEventType(), n.createdAt(), n.readAt());
        }
    }

    @Schema(name = "NotificationPage", description = "A page of the caller's inbox, newest first")
    public record Page(
            List<View> items,
            @Schema(description = "Pass as cursor for the next (older) page; absent on the last page")
            @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor,
            @Schema(description = "The caller's unread notifications in all (whatever the filters)", example = "3")
            int unreadCount) {

        static Page of(InboxService.Page page) {
            return new Page(page.items().stream().map(View::of).toList(), page.nextCursor(), page.unreadCount());
        }
    }

    @Schema(name = "MarkRead", description = "Which notifications to mark read")
    public record MarkRead(
            @Schema(description = "Mark those with a seq up to this one (the newest the app has shown); absent: all",
                    example = "42")
            @Min(value = 0, message = "must be 0 or more") Long upToSeq) {
    }

    @Schema(name = "MarkedRead", description = "What a mark-read call did")
    public record Marked(
            @Schema(description = "How many unread notifications it marked read") int marked,
            @Schema(description = "How many stay unread") int unreadCount) {

        static Marked of(InboxService.Marked marked) {
            return new Marked(marked.marked(), marked.unreadCount());
        }
    }
}
