package cn.grid.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/**
 * {@code grid.auth.verified-tokens.*}: verified tokens remembered until they expire ({@link CachingJwtParser}), so
 * an app's requests in a row pay for one RSA verification, not one each.
 */
@ConfigMapping(prefix = "grid.auth.verified-tokens")
public interface VerifiedTokensConfig {

    /** The most tokens remembered per instance (least recently used ones go first). */
    @WithDefault("10000")
    @Min(1)
    long maxSize();

    /** The longest a token is remembered, however long it is valid; it is never remembered past its expiry. */
    @WithDefault("5M")
    @DurationMin(seconds = 1)
    Duration ttl();
}
