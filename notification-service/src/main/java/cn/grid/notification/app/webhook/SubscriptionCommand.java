package cn.grid.notification.app.webhook;

import java.util.List;
import java.util.UUID;

/**
 * What a subscription is to be (create or replace): where, which event types, which subtree, a note; and, on a
 * replace, whether it is enabled (null keeps its status).
 */
public record SubscriptionCommand(String url, List<String> eventTypes, UUID gridNodeId, String description,
        Boolean enabled) {
}
