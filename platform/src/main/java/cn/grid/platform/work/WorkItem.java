package cn.grid.platform.work;

import java.time.OffsetDateTime;

/**
 * One thing waiting for the caller, as a home screen lists it. Each service answers its own part of the work list
 * ({@code GET <its prefix>/me/work}); the gateway merges the parts into {@code GET /api/v1/me/work}.
 *
 * @param kind       what is waiting, e.g. {@code TICKET_DISPATCHED_TO_ME}; the service's README lists its kinds
 * @param id         the id of the waiting resource (ticket, session, reflection, registration ...)
 * @param title      a short human title (ticket title, session topic, member name)
 * @param gridNodeId the grid node the item belongs to, when it has one
 * @param status     the resource's status, when it has one
 * @param dueAt      when it falls due (SLA deadline, session start), when it has one
 * @param href       the API path to act on it, relative to the gateway
 */
public record WorkItem(String kind, String id, String title, String gridNodeId, String status,
        OffsetDateTime dueAt, String href) {
}
