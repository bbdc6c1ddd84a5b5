package cn.grid.notification.domain.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the signed content is
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, HMAC-SHA256 keyed with the base64-decoded part of the secret after
 * {@code whsec_}, written as {@code v1,<base64>}; several signatures (old and new secret during a rotation) are
 * separated by spaces, and a receiver accepts the message when any one verifies.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    /** 32 random bytes: inside the specification's 24–64. */
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret, {@code whsec_<base64 of 32 random bytes>}. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value: one {@code v1,<sig>} per secret, space-separated. */
    public static String header(List<String> secrets, String webhookId, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> sign(secret, webhookId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    /** One signature, {@code v1,<base64 HMAC-SHA256>}. */
    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
