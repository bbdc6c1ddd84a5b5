package cn.grid.platform.security.registry;

import cn.grid.platform.security.PersonRights;
import cn.grid.platform.security.Roles;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes a verified token's identity the registry's person: keeps the token's coarse roles ({@link Roles#TOKEN_ROLES}),
 * drops any registry role the token claims, and adds the roles the person's current grants give. The rights
 * themselves travel as the identity attribute {@link #RIGHTS_ATTRIBUTE}, for {@code CurrentCaller}.
 *
 * <p>So {@code @RolesAllowed(Roles.GRID_WORKER)} means "a grid worker in the registry now", whoever minted the token.
 */
@ApplicationScoped
public class RegistryRolesAugmentor implements SecurityIdentityAugmentor {

    public static final String RIGHTS_ATTRIBUTE = "grid.registry-rights";

    private final RegistryRightsCache rights;

    public RegistryRolesAugmentor(RegistryRightsCache rights) {
        this.rights = rights;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getPrincipal() == null) {
            return Uni.createFrom().item(identity);
        }
        // the login is the token's sub (a JWT principal's name may be its upn or preferred_username instead)
        String subject = identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject()
                : identity.getPrincipal().getName();
        PersonRights hit = subject == null ? PersonRights.NONE : rights.cached(subject);
        if (hit != null) {
            return Uni.createFrom().item(withRegistryRoles(identity, hit));
        }
        // a miss reads the database: off the event loop
        return context.runBlocking(() -> withRegistryRoles(identity, rights.rightsOf(subject)));
    }

    static SecurityIdentity withRegistryRoles(SecurityIdentity identity, PersonRights person) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(RIGHTS_ATTRIBUTE, person)
                .addPermissionChecker(identity::checkPermission)
                .setAnonymous(false);
        identity.getRoles().stream().filter(Roles.TOKEN_ROLES::contains).forEach(builder::addRole);
        builder.addRoles(person.derivedRoles());
        return builder.build();
    }
}
