package cn.grid.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Whom to call back: the reporter's own contact, or the citizen's on whose behalf grid staff filed the ticket
 * ({@code onBehalf}, 代为上报). {@link #NONE} when none was given.
 */
@Embeddable
public record Contact(
        @Column(name = "contact_name") String name,
        @Column(name = "contact_phone") String phone,
        @Column(name = "on_behalf") boolean onBehalf) {

    public static final Contact NONE = new Contact(null, null, false);

    /** The contact as given; staff who give one file on the citizen's behalf. */
    public static Contact given(String name, String phone, boolean filedByStaff) {
        boolean any = name != null || phone != null;
        return new Contact(name, phone, filedByStaff && any);
    }

    public boolean isEmpty() {
        return name == null && phone == null;
    }
}
