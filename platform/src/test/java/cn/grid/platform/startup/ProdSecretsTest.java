package cn.grid.platform.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProdSecretsTest {

    static final String HMAC = "grid.people.id-hmac-key";

    @TempDir
    Path dir;

    private Map<String, String> complete() throws IOException {
        Path key = Files.writeString(dir.resolve("jwt-public.pem"), "-----BEGIN PUBLIC KEY-----");
        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.publickey.location", key.toString());
        config.put("mp.jwt.verify.issuer", "https://idp.example.com/realms/grid");
        config.put(HMAC, "9f1c2e7a4b6d8f0a1c3e5b7d9f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a");
        return config;
    }

    private static Function<String, Optional<String>> of(Map<String, String> config) {
        return name -> Optional.ofNullable(config.get(name)).filter(v -> !v.isBlank());
    }

    @Test
    void aCompleteConfigurationStarts() throws IOException {
        Map<String, String> config = complete();
        assertThat(ProdSecrets.problems(of(config), List.of(HMAC))).isEmpty();
        config.put("mp.jwt.verify.publickey.location", dir.resolve("jwt-public.pem").toUri().toString());
        assertThat(ProdSecrets.problems(of(config), List.of(HMAC))).isEmpty();
        // a JWKS endpoint is not a file to look for
        config.put("mp.jwt.verify.publickey.location", "https://idp.example.com/realms/grid/certs");
        assertThat(ProdSecrets.problems(of(config), List.of(HMAC))).isEmpty();
    }

    @Test
    void thePublishedHmacKeyIsRefusedByName() throws IOException {
        Map<String, String> config = complete();
        config.put(HMAC, "local-development-only");
        assertThatThrownBy(() -> ProdSecrets.enforce(ProdSecrets.problems(of(config), List.of(HMAC))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("grid.people.id-hmac-key is a value published in the repository");
    }

    @Test
    void aMissingOrShortHmacKeyIsRefused() throws IOException {
        Map<String, String> config = complete();
        config.remove(HMAC);
        assertThat(ProdSecrets.problems(of(config), List.of(HMAC)))
                .containsExactly("grid.people.id-hmac-key is not set (environment variable GRID_PEOPLE_ID_HMAC_KEY"
                        + " or the setting's own)");
        config.put(HMAC, "short-key");
        assertThat(ProdSecrets.problems(of(config), List.of(HMAC))).singleElement().asString()
                .contains("grid.people.id-hmac-key has 9 characters; a secret needs at least 32");
    }

    @Test
    void theJwtSettingsMustBeThere() throws IOException {
        Map<String, String> config = complete();
        config.remove("mp.jwt.verify.publickey.location");
        config.remove("mp.jwt.verify.issuer");
        assertThat(ProdSecrets.problems(of(config), List.of())).containsExactly(
                "mp.jwt.verify.publickey.location (GRID_JWT_PUBLIC_KEY_LOCATION) is not set: no token could be verified",
                "mp.jwt.verify.issuer (GRID_JWT_ISSUER) is not set: tokens from any issuer would pass");
        // the stand-in application.properties gives a required setting in prod counts as unset
        config.put("mp.jwt.verify.issuer", ProdSecrets.UNSET);
        config.put(HMAC, ProdSecrets.UNSET);
        assertThat(ProdSecrets.problems(of(config), List.of(HMAC))).hasSize(3)
                .anyMatch(p -> p.startsWith("mp.jwt.verify.issuer (GRID_JWT_ISSUER) is not set"))
                .anyMatch(p -> p.startsWith("grid.people.id-hmac-key is not set"));
        // an inline key will do instead of a location
        config.put("mp.jwt.verify.publickey", "MIIBIjANBgkqh...");
        config.put("mp.jwt.verify.issuer", "https://idp.example.com/realms/grid");
        assertThat(ProdSecrets.problems(of(config), List.of())).isEmpty();
    }

    @Test
    void aKeyFileThatIsNotThereIsNamed() throws IOException {
        Map<String, String> config = complete();
        config.put("mp.jwt.verify.publickey.location", dir.resolve("nowhere.pem").toString());
        assertThat(ProdSecrets.problems(of(config), List.of(HMAC))).singleElement().asString()
                .contains("mp.jwt.verify.publickey.location").contains("nowhere.pem").contains("not a readable file");
    }

    @Test
    void theRequiredListIsReadFromConfig() {
        Map<String, String> config = Map.of(ProdSecrets.REQUIRED, " grid.people.id-hmac-key , other.key,");
        assertThat(ProdSecrets.required(of(config))).containsExactly("grid.people.id-hmac-key", "other.key");
        assertThat(ProdSecrets.required(of(Map.of()))).isEmpty();
    }
}
