package cn.grid.gateway.startup;

import cn.grid.platform.startup.ProdSecrets;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;

/**
 * The gateway's side of the prod profile's refusal to start without its secrets ({@link ProdSecrets}: the token
 * verification key and issuer). The platform's own check is a bean, and the gateway excludes the platform's beans
 * (they need a database), so it runs the same code from here. The dev-token signing key is checked where it is
 * read ({@code DevTokens}), at start-up too, whenever dev tokens are on.
 */
@ApplicationScoped
public class ProdStartupCheck {

    void onStart(@Observes StartupEvent event) {
        if (ConfigUtils.getProfiles().contains("prod")) {
            ProdSecrets.enforce(ProdSecrets.problems(ProdSecrets.lookup(ConfigProvider.getConfig()), List.of()));
        }
    }
}
