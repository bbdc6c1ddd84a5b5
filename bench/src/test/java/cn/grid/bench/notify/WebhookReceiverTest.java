package cn.grid.bench.notify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receiver on loopback, as notification-service calls it: signed POSTs checked on receipt, down, back. */
class WebhookReceiverTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static int post(String url, String id, long timestamp, String signature, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void theVerificationRequestIsAnsweredWithItsChallengeAndCheckedOnceTheSecretIsKnown() throws Exception {
        List<WebhookReceiver.Delivery> got = new CopyOnWriteArrayList<>();
        String secret = WebhookSignatureTest.SPEC_SECRET;
        String body = "{\"specversion\":\"1.0\",\"id\":\"v1\",\"type\":\"" + WebhookReceiver.VERIFICATION
                + "\",\"subject\":\"s1\",\"data\":{\"subscriptionId\":\"s1\",\"challenge\":\"c-42\"}}";
        long now = Instant.now().getEpochSecond();
        try (WebhookReceiver receiver = new WebhookReceiver(0, got::add).start()) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(receiver.url()))
                    .header("webhook-id", "v1").header("webhook-timestamp", Long.toString(now))
                    .header("webhook-signature", WebhookSignature.of(secret).sign("v1", now,
                            body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"challenge\":\"c-42\"}");
            assertThat(got).isEmpty();
            assertThat(receiver.verdicts()).isEmpty();
            receiver.secret(secret);
            assertThat(receiver.verdicts()).containsEntry(WebhookSignature.Verdict.VALID, 1);
        }
    }

    @Test
    void deliveriesAreVerifiedOnReceiptAndReadAsCloudEventsAcrossAnOutage() throws Exception {
        List<WebhookReceiver.Delivery> got = new CopyOnWriteArrayList<>();
        String secret = WebhookSignatureTest.SPEC_SECRET;
        WebhookSignature signer = WebhookSignature.of(secret);
        String body = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"cn.grid.request.dispatched.v1\","
                + "\"subject\":\"t1\",\"subjectsequence\":3,\"data\":{}}";
        long now = Instant.now().getEpochSecond();
        try (WebhookReceiver receiver = new WebhookReceiver(0, got::add).start()) {
            receiver.secret(secret);
            String url = receiver.url();

            assertThat(post(url, "wh1", now, signer.sign("wh1", now, body.getBytes(StandardCharsets.UTF_8)), body))
                    .isEqualTo(204);
            assertThat(post(url, "wh2", now, "v1,AAAA", body)).isEqualTo(204);

            receiver.stop();
            assertThatThrownBy(() -> post(url, "wh3", now, "v1,AAAA", body)).isInstanceOf(IOException.class);

            receiver.start();
            assertThat(receiver.url()).isEqualTo(url);
            assertThat(post(url, "wh1", now, signer.sign("wh1", now, body.getBytes(StandardCharsets.UTF_8)), body))
                    .isEqualTo(204);

            assertThat(got).extracting(WebhookReceiver.Delivery::webhookId).containsExactly("wh1", "wh2", "wh1");
            assertThat(got.get(0).type()).isEqualTo("cn.grid.request.dispatched.v1");
            assertThat(got.get(0).subject()).isEqualTo("t1");
            assertThat(got.get(0).subjectSequence()).isEqualTo(3);
            assertThat(got.get(0).verdict()).isEqualTo(WebhookSignature.Verdict.VALID);
            assertThat(got.get(1).verdict()).isEqualTo(WebhookSignature.Verdict.NO_MATCH);
            assertThat(receiver.verdicts()).containsEntry(WebhookSignature.Verdict.VALID, 2)
                    .containsEntry(WebhookSignature.Verdict.NO_MATCH, 1);
        }
    }
}
