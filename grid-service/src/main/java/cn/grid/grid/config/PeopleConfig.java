package cn.grid.grid.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code grid.people.*}: personal data in the registry. (grid-service's settings are one mapping per
 * {@code grid.<feature>} prefix — never the bare {@code grid}, which SmallRye's unknown-property check would make
 * claim every {@code grid.*} property, the platform's included.)
 */
@ConfigMapping(prefix = "grid.people")
public interface PeopleConfig {

    /**
     * The HMAC key identity numbers are kept under ({@code GRID_PEOPLE_ID_HMAC_KEY}): the same person is found twice
     * without the number being stored. Rotating it means re-registering people, so treat it like a database key;
     * in prod {@code ProdSecrets} refuses to start on the published default or a short key.
     */
    @NotBlank
    String idHmacKey();
}
