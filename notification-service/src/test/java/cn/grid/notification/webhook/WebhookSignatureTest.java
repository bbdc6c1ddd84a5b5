package cn.grid.notification.webhook;

import cn.grid.notification.domain.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    /** The example of the Standard Webhooks libraries' own tests (and Svix's documentation). */
    @Test
    void signsTheStandardWebhooksExampleAsItsLibrariesDo() {
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretIsWhsecAndThirtyTwoRandomBytes() {
        String one = WebhookSignature.newSecret();
        String two = WebhookSignature.newSecret();

        assertThat(one).startsWith("whsec_").isNotEqualTo(two);
        assertThat(Base64.getDecoder().decode(one.substring("whsec_".length()))).hasSize(32);
    }

    @Test
    void severalSecretsGiveSpaceSeparatedSignaturesOneEach() {
        String a = WebhookSignature.newSecret();
        String b = WebhookSignature.newSecret();

        String header = WebhookSignature.header(List.of(a, b), "id-1", 1700000000L, "{}");

        assertThat(header.split(" ")).containsExactly(WebhookSignature.sign(a, "id-1", 1700000000L, "{}"),
                WebhookSignature.sign(b, "id-1", 1700000000L, "{}"));
    }
}
