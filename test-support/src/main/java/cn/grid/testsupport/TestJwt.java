package cn.grid.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * An RSA key pair made once per test JVM, and tokens signed with it the way the gateway signs them.
 *
 * <p>No key ever lives in git: services under test read the public half from a temporary PEM file.
 */
public final class TestJwt {

    public static final String ISSUER = "https://gateway.grid.test";
    public static final String AUDIENCE = "grid-suite";

    private static KeyPair keys;
    private static Path publicKeyFile;
    private static Path privateKeyFile;

    private TestJwt() {
    }

    public static synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
                publicKeyFile = writePem("PUBLIC KEY", keys.getPublic().getEncoded(), "jwt-public");
                privateKeyFile = writePem("PRIVATE KEY", keys.getPrivate().getEncoded(), "jwt-private");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    public static Path publicKeyFile() {
        keys();
        return publicKeyFile;
    }

    public static Path privateKeyFile() {
        keys();
        return privateKeyFile;
    }

    /** A token for {@code subject} with the given roles, bound to grid node {@code gridScope} (null: unbound). */
    public static String token(String subject, String gridScope, String... roles) {
        return claims(subject, gridScope, roles).sign(keys().getPrivate());
    }

    /** The claims of a valid token, for tests that want to bend one (expiry, issuer ...) before signing. */
    public static JwtClaimsBuilder claims(String subject, String gridScope, String... roles) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(30));
        if (gridScope != null) {
            claims.claim("grid_scope", gridScope);
        }
        return claims;
    }

    private static Path writePem(String type, byte[] der, String name) {
        try {
            Path file = Files.createTempFile(name, ".pem");
            file.toFile().deleteOnExit();
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
            Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
