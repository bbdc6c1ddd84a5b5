package cn.grid.request.domain;

/**
 * A citizen's (or a grid worker's on their behalf) new ticket, as the domain takes it: what and where, the
 * category's details, and who reports it. Routing (the grid it goes to) is decided beside it.
 */
public record Submission(RequestType type, Channel channel, String title, String description, TicketLocation location,
        TicketDetails details, String reporterId) {

    public Submission {
        location = location == null ? TicketLocation.NONE : location;
    }
}
