package cn.grid.study.domain.xapi;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * LRS client credentials: an xAPI client (a course player, an integrator's LMS, the ADL conformance runner) that
 * sends statements with HTTP Basic {@code key:secret} for the members of one party organisation's subtree. The key
 * is the id; only the SHA-256 of the secret is kept, so a leaked database hands out no working credentials.
 */
@Entity
@Table(name = "xapi_client")
public class XapiClient {

    /** The authority name of a client's statements: {@code xapi-client:<key>} under the suite's homePage. */
    public static final String SUBJECT_PREFIX = "xapi-client:";

    @Id
    private UUID id;

    private String name;

    @Column(name = "secret_hash")
    private String secretHash;

    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected XapiClient() {
        // for JPA
    }

    /** New live credentials for {@code name}, scoped to the organisation {@code orgId} and its subtree. */
    public static XapiClient issue(UUID id, String name, String secretHash, UUID orgId, String createdBy,
            OffsetDateTime now) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw DomainProblem.invalid("name", "the client's name, 1-100 characters");
        }
        if (secretHash == null || !secretHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a secret is kept as its SHA-256 in hex");
        }
        XapiClient client = new XapiClient();
        client.id = id;
        client.name = name.strip();
        client.secretHash = secretHash;
        client.orgId = orgId;
        client.createdBy = createdBy;
        client.createdAt = now;
        return client;
    }

    /** Revokes the credentials; revoking again keeps the first revocation time. */
    public void revoke(OffsetDateTime now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean live() {
        return revokedAt == null;
    }

    /** The Basic user name: the id as text. */
    public String key() {
        return id.toString();
    }

    /** The name in the account of this client's authority (and the author of its statements). */
    public String subject() {
        return SUBJECT_PREFIX + key();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String secretHash() {
        return secretHash;
    }

    public UUID orgId() {
        return orgId;
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
