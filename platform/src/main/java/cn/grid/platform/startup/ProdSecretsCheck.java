package cn.grid.platform.startup;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;
import java.util.function.Function;

/**
 * Runs {@link ProdSecrets} when a service starts under the prod profile (a packaged jar's default, and
 * {@code prod,kubernetes}); an exception here stops the start-up. Dev and test run with their own keys.
 */
@ApplicationScoped
public class ProdSecretsCheck {

    void onStart(@Observes StartupEvent event) {
        if (ConfigUtils.getProfiles().contains("prod")) {
            Function<String, Optional<String>> config = ProdSecrets.lookup(ConfigProvider.getConfig());
            ProdSecrets.enforce(ProdSecrets.problems(config, ProdSecrets.required(config)));
        }
    }
}
