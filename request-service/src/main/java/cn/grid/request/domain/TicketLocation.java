package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Where the citizen met the problem: coordinates (both or neither) and/or an address. All null (a ticket routed
 * to a grid only) is {@link #NONE}; Hibernate loads that as a null embeddable, which the ticket reads as NONE.
 */
@Embeddable
public record TicketLocation(
        @Column(name = "latitude") Double latitude,
        @Column(name = "longitude") Double longitude,
        @Column(name = "address") String address) {

    public static final TicketLocation NONE = new TicketLocation(null, null, null);

    public TicketLocation {
        if ((latitude == null) != (longitude == null)) {
            throw DomainProblem.invalid("location", "latitude and longitude come together");
        }
    }

    public boolean hasCoordinates() {
        return latitude != null;
    }

    /** Coordinates or a non-blank address: enough to route the ticket without a grid. */
    public boolean locates() {
        return latitude != null || address != null && !address.isBlank();
    }
}
