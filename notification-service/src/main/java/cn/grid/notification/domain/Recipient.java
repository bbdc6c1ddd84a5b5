package cn.grid.notification.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Whom a notification is for, as its inbox is keyed: a person of the grid registry ({@code person:<uuid>}), or a
 * login the registry does not know ({@code subject:<login subject>}, a citizen). A caller reads the inboxes of
 * their person and of their login subject, so a rule addresses a person whenever it knows one and a login only
 * when it does not.
 */
public record Recipient(String key) {

    private static final String PERSON = "person:";
    private static final String SUBJECT = "subject:";

    public Recipient {
        Objects.requireNonNull(key, "key");
        if (!(key.startsWith(PERSON) && key.length() > PERSON.length()
                || key.startsWith(SUBJECT) && key.length() > SUBJECT.length())) {
            throw new IllegalArgumentException("a recipient is person:<id> or subject:<login>: " + key);
        }
    }

    public static Recipient person(UUID personId) {
        return new Recipient(PERSON + personId);
    }

    public static Recipient subject(String loginSubject) {
        return new Recipient(SUBJECT + loginSubject);
    }

    /** A person when the event names one, else the login; null when it names neither. */
    public static Recipient of(String personId, String loginSubject) {
        if (personId != null && !personId.isBlank()) {
            return person(UUID.fromString(personId));
        }
        if (loginSubject != null && !loginSubject.isBlank()) {
            return subject(loginSubject);
        }
        return null;
    }

    public boolean isPerson() {
        return key.startsWith(PERSON);
    }
}
