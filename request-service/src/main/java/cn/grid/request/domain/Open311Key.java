package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An Open311 api key issued to one integrator. Only the key's SHA-256 is kept: the clear key is shown once,
 * when it is issued, so a leaked database does not hand out working keys.
 */
@Entity
@Table(name = "open311_api_key")
public class Open311Key {

    /** Tickets filed with a key are reported by {@code open311:<name>}. */
    public static final String SUBJECT_PREFIX = "open311:";

    @Id
    private UUID id;

    private String name;

    @Column(name = "key_hash")
    private String keyHash;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected Open311Key() {
        // for JPA
    }

    /** A new live key for the integrator {@code name}, known here only by {@code keyHash} (SHA-256, hex). */
    public static Open311Key issue(UUID id, String name, String keyHash, String createdBy, OffsetDateTime now) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw DomainProblem.invalid("name", "the integrator's name, 1-100 characters");
        }
        if (keyHash == null || !keyHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a key is kept as its SHA-256 in hex");
        }
        Open311Key key = new Open311Key();
        key.id = id;
        key.name = name.strip();
        key.keyHash = keyHash;
        key.createdBy = createdBy;
        key.createdAt = now;
        return key;
    }

    /** Revokes the key; revoking it again keeps the first revocation time. */
    public void revoke(OffsetDateTime now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean live() {
        return revokedAt == null;
    }

    /** The reporter subject of the tickets this key files. */
    public String subject() {
        return SUBJECT_PREFIX + name;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public OffsetDateTime revokedAt() {
        return revokedAt;
    }
}
