package cn.grid.study.app;

import cn.grid.platform.credentials.IssuedSecrets;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.study.domain.PartyOrg;
import cn.grid.study.domain.xapi.XapiClient;
import cn.grid.study.persistence.PartyOrgDirectory;
import cn.grid.study.persistence.XapiClientRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * LRS client credentials for /xapi: issued by a district administrator or an organisation administrator over the
 * organisation, scoped to that organisation's subtree, kept as the SHA-256 of the secret, revocable.
 */
@ApplicationScoped
public class XapiClientService {

    /** Credentials just issued: the clear secret travels back to the administrator this once and is kept nowhere. */
    public record Issued(XapiClient client, String secret) {
    }

    /** 32 random bytes in base64url, unpadded: 43 characters. Longer input cannot be a secret of ours. */
    private static final int MAX_SECRET_LENGTH = 64;
    /** Compared against when the key is unknown, so an unknown key costs what a wrong secret costs. */
    private static final String NO_HASH = "0".repeat(64);

    private final XapiClientRepository clients;
    private final PartyOrgDirectory orgs;
    private final OrgAccess access;
    private final String issuer;

    public XapiClientService(XapiClientRepository clients, PartyOrgDirectory orgs, OrgAccess access,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.clients = clients;
        this.orgs = orgs;
        this.access = access;
        this.issuer = issuer;
    }

    @Transactional
    public Issued issue(String name, UUID orgId, Caller caller) {
        if (orgId == null) {
            throw DomainProblem.invalid("orgId", "is required: the party organisation whose members the client records for");
        }
        PartyOrg org = access.require(orgId, "orgId");
        access.requireAdminOver(org, caller);
        String secret = IssuedSecrets.newSecret();
        XapiClient client = XapiClient.issue(Ids.newId(), name, IssuedSecrets.sha256(secret), org.id(), caller.subject(),
                OffsetDateTime.now());
        clients.persist(client);
        return new Issued(client, secret);
    }

    /** Every client a district administrator may see, or those of the organisations an org admin is over. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<XapiClient> list(Caller caller) {
        if (!OrgAccess.isAdmin(caller)) {
            throw DomainProblem.forbidden("only an organisation or district administrator manages xAPI clients");
        }
        return clients.newestFirst().stream()
                .filter(c -> orgs.find(c.orgId()).map(org -> access.isAdminOver(org, caller)).orElse(caller.covers(null)))
                .toList();
    }

    @Transactional
    public XapiClient revoke(UUID id, Caller caller) {
        XapiClient client = clients.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("xAPI client", id));
        Optional<PartyOrg> org = orgs.find(client.orgId());
        if (org.isPresent()) {
            access.requireAdminOver(org.get(), caller);
        } else if (!caller.covers(null) || !OrgAccess.isAdmin(caller)) {
            throw DomainProblem.forbidden("only a district administrator revokes the clients of an unknown organisation");
        }
        client.revoke(OffsetDateTime.now());
        return client;
    }

    /**
     * The caller behind Basic credentials, or empty for an unknown key, a wrong secret, revoked credentials or an
     * organisation this service no longer knows (the caller answers all alike: a guesser learns nothing).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<XapiCaller.Client> authenticate(String key, String secret) {
        if (key == null || secret == null || secret.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        Optional<XapiClient> client = parse(key).flatMap(clients::findByIdOptional);
        // hashed and compared even for an unknown key, so the answer takes as long either way
        boolean matches = IssuedSecrets.matches(secret, client.map(XapiClient::secretHash).orElse(NO_HASH));
        if (client.isEmpty() || !matches || !client.get().live()) {
            return Optional.empty();
        }
        return orgs.find(client.get().orgId()).map(org -> new XapiCaller.Client(client.get(), org, issuer));
    }

    private static Optional<UUID> parse(String key) {
        try {
            return Optional.of(UUID.fromString(key));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
