package cn.grid.notification.app.rules;

import cn.grid.notification.domain.Recipient;

import java.util.List;
import java.util.UUID;

/**
 * Who is who, as the rules need it, from this service's grid read models ({@code grid_*_view}, fed by
 * grid.events). Every answer is as of today: assignments and memberships that have ended, or not begun, count
 * for nothing. Each list is of distinct recipients in a stable order.
 */
public interface Directory {

    /**
     * The recipient for a login: its registry person when the read models know the login (an assignment, an
     * organisation membership or a team place names it), else the login itself (a citizen); null for a blank one.
     */
    Recipient personOrLogin(String subject);

    /**
     * The grid staff — current grid heads, grid workers and service specialists (the assignment roles platform's
     * {@code Grant.isGridStaff} counts) — of the node at {@code nodePath}, or, when it has none, of its nearest
     * ancestor that has any. A null path (a ticket in the community queue) asks for the staff nearest the top: the
     * highest level that has any.
     */
    List<Recipient> gridStaffNearest(String nodePath);

    /** The materialized path of a grid node; null when this service does not know it. */
    String nodePath(UUID nodeId);

    /** The active members of an active team. */
    List<Recipient> teamMembers(UUID teamId);

    /** The current members of a party organisation, every role. */
    List<Recipient> orgMembers(UUID orgId);

    /** The current secretaries (书记) of a party organisation; its deputies when it has no secretary. */
    List<Recipient> orgSecretaries(UUID orgId);

    /**
     * Who reviews a member's reflection in organisation {@code orgId}: the administrators (secretary, deputy
     * secretary, committee member) of the organisation itself, or, when it has none, those of the organisations
     * seated nearest above it in the grid (study-service lets every organisation administrator whose grid holds the
     * organisation's review).
     */
    List<Recipient> reflectionReviewers(UUID orgId);

    /**
     * Who reviews a residence registration at the grid of {@code nodePath} (grid-service lets staff over the node
     * decide): the grid staff and the organisation administrators of the node, or of its nearest ancestor that has
     * any.
     */
    List<Recipient> registrationReviewers(String nodePath);
}
