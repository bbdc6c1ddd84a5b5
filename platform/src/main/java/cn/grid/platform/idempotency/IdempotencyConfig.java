package cn.grid.platform.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** {@code grid.idempotency.*}: how long Idempotency-Keys are remembered ({@link IdempotencyKeyPurge}). */
@ConfigMapping(prefix = "grid.idempotency")
public interface IdempotencyConfig {

    /**
     * How long a key's first outcome is kept: a retry within it gets that outcome back, a later one with the same
     * key is a new create. Clients retry within minutes (the gateway at once, an app's offline queue when it is
     * back online), so a week is plenty; it also bounds how long keys with the version-1 fingerprint live.
     */
    @WithDefault("P7D")
    @DurationMin(minutes = 1)
    Duration retention();

    /** How often each instance deletes the keys older than the retention (idempotent, so every instance does). */
    @WithDefault("PT1H")
    @DurationMin(seconds = 1)
    Duration purgeEvery();
}
