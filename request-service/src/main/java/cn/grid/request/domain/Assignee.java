package cn.grid.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.UUID;

/**
 * The one who took the ticket (签收, 认领) and answers for it: their login subject and, when the registry links
 * the login to a person, that person and their name. {@link #NONE} while nobody holds it.
 */
@Embeddable
public record Assignee(
        @Column(name = "assignee") String login,
        @Column(name = "assignee_person_id") UUID personId,
        @Column(name = "assignee_name") String name) {

    public static final Assignee NONE = new Assignee(null, null, null);

    /** Whether this login holds the ticket. */
    public boolean is(String subject) {
        return login != null && login.equals(subject);
    }
}
