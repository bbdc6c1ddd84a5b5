package cn.grid.notification.domain.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription: where to send which events of which subtree, signed with which secret(s).
 *
 * @param gridPath            the materialized path of {@code gridNodeId} ({@code /root/.../node/}), or null for
 *                            every grid
 * @param previousSecret      the secret before the last rotation, signed with until {@code previousSecretUntil}
 */
public record Subscription(UUID id, String url, List<String> eventTypes, UUID gridNodeId, String gridPath,
        String description, SubscriptionStatus status, String secret, String previousSecret,
        OffsetDateTime previousSecretUntil, String ownerSubject, UUID ownerPersonId, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, OffsetDateTime disabledAt, String disabledReason, long version) {

    public Subscription {
        eventTypes = List.copyOf(eventTypes);
    }

    /** The secrets each delivery is signed with at {@code now}: the current one, and the old one during its grace. */
    public List<String> signingSecrets(OffsetDateTime now) {
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    /**
     * Whether an event of {@code type} at the node with path {@code eventPath} (null: the event names no grid node)
     * goes to this subscription.
     */
    public boolean wants(String type, String eventPath) {
        if (!EventTypePatterns.matches(eventTypes, type)) {
            return false;
        }
        if (gridPath == null) {
            return true;
        }
        return eventPath != null && eventPath.startsWith(gridPath);
    }
}
