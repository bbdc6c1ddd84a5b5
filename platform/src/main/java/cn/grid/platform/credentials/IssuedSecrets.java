package cn.grid.platform.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets the suite issues to integrators (Open311 api keys, xAPI LRS client credentials): 256 random bits shown
 * once, kept only as their SHA-256. A fast hash is enough for a secret nobody chose (no dictionary to walk), and a
 * slow one would be paid on every request, since integrators send the secret each time.
 */
public final class IssuedSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private IssuedSecrets() {
    }

    /** A new secret: 32 random bytes, URL-safe Base64 without padding (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the secret's UTF-8 bytes, lower-case hex: what is stored. */
    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code secret} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
