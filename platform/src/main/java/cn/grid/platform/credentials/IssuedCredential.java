package cn.grid.platform.credentials;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A credential the suite issued to a named integrator and may revoke (an Open311 api key, an xAPI LRS client): its
 * id, the integrator's name, who issued it and when, and when it was revoked. Each kind keeps the hash of its
 * secret in a column of its own name and adds what it is scoped to; the life of the credential is the same for all.
 */
@MappedSuperclass
public abstract class IssuedCredential {

    @Id
    private UUID id;

    private String name;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected IssuedCredential() {
        // for JPA
    }

    /**
     * Fills in a new live credential. {@code holder} names who {@code name} is in the problem a bad name gets
     * ("the integrator's", "the client's"); {@code secretHash} must already be a SHA-256 in hex
     * ({@link IssuedSecrets#sha256}), so a clear secret can never be stored by mistake.
     */
    protected final void issue(UUID id, String name, String holder, String secretHash, String createdBy,
            OffsetDateTime now) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw DomainProblem.invalid("name", holder + " name, 1-100 characters");
        }
        if (secretHash == null || !secretHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a secret is kept as its SHA-256 in hex");
        }
        this.id = id;
        this.name = name.strip();
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** Revokes the credential; revoking it again keeps the first revocation time. */
    public void revoke(OffsetDateTime now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean live() {
        return revokedAt == null;
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
