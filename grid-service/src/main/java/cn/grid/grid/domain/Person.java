package cn.grid.grid.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Someone the grid knows: a resident, a grid worker, a party member. Personal data is kept to what the work
 * needs; the identity number never whole (see {@link IdentityNumber}).
 */
@Entity
@Table(name = "person")
public class Person {

    @Id
    private UUID id;

    private String name;

    private String phone;

    private String address;

    @Column(name = "id_number_hmac")
    private String idNumberHmac;

    @Column(name = "id_number_tail")
    private String idNumberTail;

    @Column(name = "home_node_id")
    private UUID homeNodeId;

    @Column(name = "home_path")
    private String homePath;

    private String subject;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected Person() {
        // for JPA
    }

    public static Person register(UUID id, String name, String phone, String address, IdentityNumber.Protected idNumber,
            GridNode home, String subject, OffsetDateTime now) {
        if (home.status() != NodeStatus.ACTIVE) {
            throw cn.grid.platform.problem.DomainProblem.conflict("home node " + home.id() + " is retired");
        }
        Person person = new Person();
        person.id = id;
        person.name = name;
        person.phone = phone;
        person.address = address;
        person.idNumberHmac = idNumber == null ? null : idNumber.hmac();
        person.idNumberTail = idNumber == null ? null : idNumber.tail();
        person.homeNodeId = home.id();
        person.homePath = home.path();
        person.subject = subject;
        person.createdAt = now;
        person.updatedAt = now;
        return person;
    }

    /** The phone for lists: the first three and last four digits only. */
    public String maskedPhone() {
        if (phone == null) {
            return null;
        }
        return phone.length() <= 7 ? "*".repeat(phone.length())
                : phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    /** The identity number as it may be shown: all but the last four hidden. */
    public String maskedIdNumber() {
        return idNumberTail == null ? null : "**************" + idNumberTail;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String phone() {
        return phone;
    }

    public String address() {
        return address;
    }

    public UUID homeNodeId() {
        return homeNodeId;
    }

    public String homePath() {
        return homePath;
    }

    public String subject() {
        return subject;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
