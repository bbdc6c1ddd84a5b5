package cn.grid.request.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.NotBlank;

import java.util.Optional;

/** {@code grid.open311.*}: what the GeoReport v2 face tells integrators about this server. */
@ConfigMapping(prefix = "grid.open311")
public interface Open311Config {

    /**
     * The one jurisdiction this server serves ({@code GRID_OPEN311_JURISDICTION_ID}); a request naming another
     * {@code jurisdiction_id} is refused (400). Empty: the parameter is ignored.
     */
    Optional<String> jurisdictionId();

    /** The operators' contact, in discovery.json ({@code GRID_OPEN311_CONTACT}). */
    @NotBlank
    String contact();

    /** How an integrator gets an api key, in discovery.json ({@code GRID_OPEN311_KEY_SERVICE}). */
    @NotBlank
    String keyService();

    /** When discovery.json's endpoint list last changed (its {@code changeset}): bump it with the face. */
    @NotBlank
    String changeset();
}
