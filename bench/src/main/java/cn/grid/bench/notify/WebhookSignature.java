package cn.grid.bench.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A receiver's check of a Standard Webhooks signature (standardwebhooks.com): the secret is {@code whsec_<base64 key>},
 * the signed content is {@code <webhook-id>.<webhook-timestamp>.<raw body>}, HMAC-SHA256 with the key, base64; the
 * {@code webhook-signature} header lists space-separated {@code v1,<base64>} signatures (several while a secret is
 * rotated), any one matching is enough; a timestamp further than the tolerance from now is refused (replays).
 */
public final class WebhookSignature {

    /** The spec's and its libraries' default tolerance. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** What a check found; only {@link #VALID} lets a receiver act on the body. */
    public enum Verdict {
        VALID, MISSING_HEADER, BAD_TIMESTAMP, OUTSIDE_TOLERANCE, NO_MATCH
    }

    private final byte[] key;

    private WebhookSignature(byte[] key) {
        this.key = key;
    }

    /** The verifier of a secret as a subscription hands it out: {@code whsec_} and base64 (the prefix optional). */
    public static WebhookSignature of(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("no webhook secret");
        }
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        return new WebhookSignature(Base64.getDecoder().decode(encoded));
    }

    /** The header value for a message: {@code v1,<base64 HMAC-SHA256>}. */
    public String sign(String webhookId, long timestampSeconds, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(webhookId, Long.toString(timestampSeconds), body));
    }

    public Verdict verify(String webhookId, String timestamp, String signatureHeader, byte[] body, Instant now) {
        if (webhookId == null || timestamp == null || signatureHeader == null) {
            return Verdict.MISSING_HEADER;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return Verdict.OUTSIDE_TOLERANCE;
        }
        byte[] expected = mac(webhookId, timestamp.trim(), body);
        for (String candidate : signatureHeader.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;   // another scheme (v1a: asymmetric) or garbage: not ours to check
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {   // constant time
                return Verdict.VALID;
            }
        }
        return Verdict.NO_MATCH;
    }

    private byte[] mac(String webhookId, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
