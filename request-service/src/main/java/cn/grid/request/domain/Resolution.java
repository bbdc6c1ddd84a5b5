package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * 办结: how the ticket was resolved, the ticket it duplicates (only for DUPLICATE_OF), notes, photo URLs (one per
 * line) and when. {@link #NONE} until resolved; a re-resolution after 重办 replaces it.
 */
@Embeddable
public record Resolution(
        @Enumerated(EnumType.STRING) @Column(name = "outcome") Outcome outcome,
        @Column(name = "duplicate_of") UUID duplicateOf,
        @Column(name = "resolution_notes") String notes,
        @Column(name = "resolution_photos") String photoLines,
        @Column(name = "resolved_at") OffsetDateTime resolvedAt) {

    public static final Resolution NONE = new Resolution(null, null, null, null, null);

    /**
     * The resolution of ticket {@code ticketId}: a DUPLICATE_OF outcome, and only it, names another ticket.
     *
     * @param photoLines photo URLs, one per line (null: none)
     */
    public static Resolution of(UUID ticketId, Outcome outcome, UUID duplicateOf, String notes, String photoLines,
            OffsetDateTime at) {
        if ((outcome == Outcome.DUPLICATE_OF) != (duplicateOf != null)) {
            throw DomainProblem.invalid("duplicateOf", outcome == Outcome.DUPLICATE_OF
                    ? "name the ticket this one duplicates" : "only a DUPLICATE_OF outcome names a ticket");
        }
        if (ticketId.equals(duplicateOf)) {
            throw DomainProblem.invalid("duplicateOf", "a ticket cannot duplicate itself");
        }
        return new Resolution(outcome, duplicateOf, notes, photoLines, at);
    }

    public List<String> photos() {
        return photoLines == null ? List.of() : List.of(photoLines.split("\n"));
    }
}
