package cn.grid.notification.domain;

import java.util.UUID;

/**
 * What this service remembers of a ticket from its {@code request.submitted} event: the lifecycle events that follow
 * do not carry who reported it or its title, and the citizen must be told at each step they see.
 *
 * @param reporterSubject the login of who reported it (a citizen, or a member reporting a micro-wish)
 * @param gridNodeId      the grid it was routed to; null: the community queue
 */
public record Ticket(UUID requestId, String requestType, String title, String reporterSubject, UUID gridNodeId) {
}
