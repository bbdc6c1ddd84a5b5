package cn.grid.bench.notify;

import cn.grid.bench.notify.WebhookSignature.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    // The example of the Standard Webhooks specification (its libraries' "sign function works" test vector)
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long SPEC_TIMESTAMP = 1614265330;
    static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final Instant SPEC_NOW = Instant.ofEpochSecond(SPEC_TIMESTAMP);

    /** HMAC-SHA256 written out from RFC 2104 over MessageDigest, not javax.crypto.Mac: a second implementation. */
    static byte[] rfc2104HmacSha256(byte[] key, byte[] message) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] block = Arrays.copyOf(key.length > 64 ? sha256.digest(key) : key, 64);
        byte[] inner = new byte[64];
        byte[] outer = new byte[64];
        for (int i = 0; i < 64; i++) {
            inner[i] = (byte) (block[i] ^ 0x36);
            outer[i] = (byte) (block[i] ^ 0x5c);
        }
        sha256.update(inner);
        byte[] innerHash = sha256.digest(message);
        sha256.update(outer);
        return sha256.digest(innerHash);
    }

    static String independentSignature(String secret, String id, long timestamp, String body) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] content = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(rfc2104HmacSha256(key, content));
    }

    @Test
    void theSpecificationsExampleVerifiesAndSignsTheSame() {
        WebhookSignature s = WebhookSignature.of(SPEC_SECRET);

        assertThat(s.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY, SPEC_NOW))
                .isEqualTo(Verdict.VALID);
        assertThat(s.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void aSignatureComputedByAnIndependentHmacVerifies() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString("a 32-byte key for the bench test".getBytes(
                StandardCharsets.UTF_8));
        String body = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"cn.grid.request.dispatched.v1\",\"data\":{\"t\":\"楼道\"}}";
        long ts = 1_765_000_000L;
        String header = independentSignature(secret, "wh_1", ts, body);

        WebhookSignature s = WebhookSignature.of(secret);
        assertThat(s.verify("wh_1", Long.toString(ts), header, body.getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(ts + 10))).isEqualTo(Verdict.VALID);
        assertThat(s.sign("wh_1", ts, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(header);
        // the spec's vector through the independent implementation too: the test's HMAC is right
        assertThat(independentSignature(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, "{\"test\": 2432232314}"))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void anyOfSeveralSignaturesMayMatchWhileASecretIsRotated() {
        WebhookSignature s = WebhookSignature.of(SPEC_SECRET);
        String header = "v1,Zm9vYmFyYmF6 v1a,c29tZXRoaW5nIGVsc2U= " + SPEC_SIGNATURE;

        assertThat(s.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), header, SPEC_BODY, SPEC_NOW))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void aChangedBodyIdOrTimestampDoesNotVerify() {
        WebhookSignature s = WebhookSignature.of(SPEC_SECRET);
        String ts = Long.toString(SPEC_TIMESTAMP);

        assertThat(s.verify(SPEC_ID, ts, SPEC_SIGNATURE, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8),
                SPEC_NOW)).isEqualTo(Verdict.NO_MATCH);
        assertThat(s.verify("msg_other", ts, SPEC_SIGNATURE, SPEC_BODY, SPEC_NOW)).isEqualTo(Verdict.NO_MATCH);
        assertThat(s.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP + 1), SPEC_SIGNATURE, SPEC_BODY, SPEC_NOW))
                .isEqualTo(Verdict.NO_MATCH);
        assertThat(s.verify(SPEC_ID, ts, "v1,not*base64", SPEC_BODY, SPEC_NOW)).isEqualTo(Verdict.NO_MATCH);
        assertThat(WebhookSignature.of("whsec_" + Base64.getEncoder().encodeToString(new byte[24]))
                .verify(SPEC_ID, ts, SPEC_SIGNATURE, SPEC_BODY, SPEC_NOW)).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void missingHeadersABadTimestampAndAStaleOneAreRefused() {
        WebhookSignature s = WebhookSignature.of(SPEC_SECRET);
        String ts = Long.toString(SPEC_TIMESTAMP);

        assertThat(s.verify(null, ts, SPEC_SIGNATURE, SPEC_BODY, SPEC_NOW)).isEqualTo(Verdict.MISSING_HEADER);
        assertThat(s.verify(SPEC_ID, ts, null, SPEC_BODY, SPEC_NOW)).isEqualTo(Verdict.MISSING_HEADER);
        assertThat(s.verify(SPEC_ID, "yesterday", SPEC_SIGNATURE, SPEC_BODY, SPEC_NOW))
                .isEqualTo(Verdict.BAD_TIMESTAMP);
        assertThat(s.verify(SPEC_ID, ts, SPEC_SIGNATURE, SPEC_BODY, SPEC_NOW.plusSeconds(301)))
                .isEqualTo(Verdict.OUTSIDE_TOLERANCE);
        assertThat(s.verify(SPEC_ID, ts, SPEC_SIGNATURE, SPEC_BODY, SPEC_NOW.minusSeconds(300)))
                .isEqualTo(Verdict.VALID);
    }
}
