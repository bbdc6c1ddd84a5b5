package cn.grid.platform.security.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** {@code grid.rights.*}: the per-instance cache of the registry's grants ({@link RegistryRightsCache}). */
@ConfigMapping(prefix = "grid.rights")
public interface RightsConfig {

    /**
     * The longest a subject's grants are served from the cache. Changes normally evict earlier (the registry's
     * tables and read models {@code NOTIFY grid_rights}); this bounds a change whose notification was lost.
     */
    @WithDefault("PT60S")
    @DurationMin(millis = 1)
    Duration ttl();

    /**
     * While the {@code LISTEN grid_rights} connection is down no eviction arrives, so entries live at most this
     * long; all are dropped when the connection is back.
     */
    @WithDefault("PT1S")
    @DurationMin(millis = 1)
    Duration unlistenedTtl();

    /** The most subjects cached per instance (least recently used ones go first). */
    @WithDefault("20000")
    @Min(1)
    long maxSize();
}
