package cn.grid.notification.app.webhook;

import cn.grid.notification.domain.webhook.AddressPolicy;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The prod policy (no private addresses): each refusal is a 422 naming url. No DNS is needed: literals and localhost. */
class WebhookUrlsTest {

    private final WebhookUrls prod = new WebhookUrls(new AddressPolicy(false, List.of()));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://localhost:8080/hook", "https://10.0.0.7/x",
            "http://[::1]:9000/", "http://169.254.169.254/latest/meta-data", "http://100.64.1.1/",
            "http://[fd12:3456::1]/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://192.168.0.10/"})
    void refusesForbiddenAddressesInProd(String url) {
        assertRefused(url, "an address webhooks may not be sent to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "file:///etc/passwd", "gopher://example.com/", "example.com/x",
            "javascript:alert(1)"})
    void refusesWhatIsNotHttp(String url) {
        assertRefused(url, "");
    }

    @Test
    void refusesUserInfoFragmentsAndLongUrls() {
        assertRefused("https://user:pass@example.com/hook", "user name or password");
        assertRefused("https://example.com/hook#part", "fragment");
        assertRefused("https://example.com/" + "a".repeat(WebhookUrls.MAX_LENGTH), "at most 2048");
        assertRefused("http:///nohost", "");
    }

    @Test
    void anAllowedRangeOrPrivateAddressesInDevPass() {
        WebhookTarget target = new WebhookUrls(new AddressPolicy(false, List.of("127.0.0.0/8")))
                .checkForSubscription("http://127.0.0.1:8099/in?x=1");

        assertThat(target.port()).isEqualTo(8099);
        assertThat(target.pathAndQuery()).isEqualTo("/in?x=1");
        assertThat(new WebhookUrls(new AddressPolicy(true, List.of())).checkForSubscription("http://localhost/")
                .address().isLoopbackAddress()).isTrue();
    }

    private void assertRefused(String url, String messagePart) {
        DomainProblem problem = catchThrowableOfType(DomainProblem.class, () -> prod.checkForSubscription(url));
        assertThat(problem).as(url).isNotNull();
        assertThat(problem.type()).isEqualTo(ProblemType.UNPROCESSABLE);
        assertThat(problem.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("url");
            assertThat(e.message()).contains(messagePart);
        });
    }
}
