package cn.grid.gateway.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads the dev-token signing key: an unencrypted PKCS#8 PEM file ({@code openssl genpkey} writes one). */
final class PemKeys {

    private PemKeys() {
    }

    /** @param location a {@code file:} URI or a plain path */
    static PrivateKey readPrivateKey(String location) {
        Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dev-token signing key " + file + ": " + e, e);
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalStateException("the dev-token signing key " + file
                    + " is not an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the dev-token signing key " + file + " is not an RSA key: " + e, e);
        }
    }
}
