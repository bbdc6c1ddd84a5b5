package cn.grid.request.domain;

import java.util.List;

/**
 * What a ticket carries beside its what and where: its category, that category's extra fields (as JSON, checked
 * against the catalogue), photo URLs, and the contact — the citizen's own, or the citizen's on whose behalf a
 * grid worker filed it (代为上报); and the category's time limits and escalation rule, which the ticket keeps.
 */
public record TicketDetails(String categoryCode, String attributesJson, List<String> photos, Contact contact,
        RequestCategory.Sla sla, boolean autoEscalate) {

    public TicketDetails {
        photos = photos == null ? List.of() : List.copyOf(photos);
        contact = contact == null ? Contact.NONE : contact;
    }
}
