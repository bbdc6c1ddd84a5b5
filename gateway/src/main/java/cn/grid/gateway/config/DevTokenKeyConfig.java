package cn.grid.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * {@code grid.jwt.*}: the key the gateway signs dev tokens with. Outside {@code gateway.*} because the launcher,
 * the compose file and the Kubernetes overlays set it with the suite's other JWT settings
 * ({@code GRID_JWT_PRIVATE_KEY_LOCATION}).
 */
@ConfigMapping(prefix = "grid.jwt")
public interface DevTokenKeyConfig {

    /**
     * Where the PEM private key lies ({@code file:} or classpath), whose public half the services verify tokens
     * with. Needed only while {@code gateway.dev-token.enabled} is true (dev and test); prod never sets it.
     */
    Optional<String> privateKeyLocation();
}
