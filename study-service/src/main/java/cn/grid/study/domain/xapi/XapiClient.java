package cn.grid.study.domain.xapi;

import cn.grid.platform.credentials.IssuedCredential;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
public class XapiClient extends IssuedCredential {

    /** The authority name of a client's statements: {@code xapi-client:<key>} under the suite's homePage. */
    public static final String SUBJECT_PREFIX = "xapi-client:";

    @Column(name = "secret_hash")
    private String secretHash;

    @Column(name = "org_id")
    private UUID orgId;

    protected XapiClient() {
        // for JPA
    }

    /** New live credentials for {@code name}, scoped to the organisation {@code orgId} and its subtree. */
    public static XapiClient issue(UUID id, String name, String secretHash, UUID orgId, String createdBy,
            OffsetDateTime now) {
        XapiClient client = new XapiClient();
        client.issue(id, name, "the client's", secretHash, createdBy, now);
        client.secretHash = secretHash;
        client.orgId = orgId;
        return client;
    }

    /** The Basic user name: the id as text. */
    public String key() {
        return id().toString();
    }

    /** The name in the account of this client's authority (and the author of its statements). */
    public String subject() {
        return SUBJECT_PREFIX + key();
    }

    public String secretHash() {
        return secretHash;
    }

    public UUID orgId() {
        return orgId;
    }
}
