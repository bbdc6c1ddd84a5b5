package cn.grid.request.domain;

import cn.grid.platform.credentials.IssuedCredential;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An Open311 api key issued to one integrator. Only the key's SHA-256 is kept: the clear key is shown once,
 * when it is issued, so a leaked database does not hand out working keys.
 */
@Entity
@Table(name = "open311_api_key")
public class Open311Key extends IssuedCredential {

    /** Tickets filed with a key are reported by {@code open311:<name>}. */
    public static final String SUBJECT_PREFIX = "open311:";

    @Column(name = "key_hash")
    private String keyHash;

    protected Open311Key() {
        // for JPA
    }

    /** A new live key for the integrator {@code name}, known here only by {@code keyHash} (SHA-256, hex). */
    public static Open311Key issue(UUID id, String name, String keyHash, String createdBy, OffsetDateTime now) {
        Open311Key key = new Open311Key();
        key.issue(id, name, "the integrator's", keyHash, createdBy, now);
        key.keyHash = keyHash;
        return key;
    }

    /** The reporter subject of the tickets this key files. */
    public String subject() {
        return SUBJECT_PREFIX + name();
    }
}
