package cn.grid.notification.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * What a rule decided one recipient must be told about one event, before it is stored in their inbox.
 *
 * @param kind         what happened from the recipient's side, e.g. {@code request.dispatched}; the inbox filters by it
 * @param resourceType what it is about ({@code request}, {@code lecture-order}, {@code reflection} ...), or null
 * @param resourceId   the id of that resource, or null
 * @param gridNodeId   the grid node it happened at, or null
 */
public record NotificationDraft(Recipient recipient, String kind, String title, String body, String resourceType,
        String resourceId, UUID gridNodeId) {

    public NotificationDraft {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
    }
}
