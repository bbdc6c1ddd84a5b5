package cn.grid.notification.app.webhook;

import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.ids.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Proves, before anything is stored, that the URL belongs to someone who holds the secret and wants the events: a
 * signed CloudEvent {@value #TYPE} carrying a random challenge, which the receiver must answer with 2xx and the JSON
 * {@code {"challenge": "<the same>"}}. Anything else — no answer, another status, another body — is a 422 naming
 * {@code url}.
 */
@ApplicationScoped
public class WebhookVerification {

    /** The verification request's CloudEvent type; never on Kafka, only sent to a URL being subscribed. */
    public static final String TYPE = "cn.grid.notification.webhook.verification.v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookCaller caller;
    private final ObjectMapper mapper;
    private final String source;

    public WebhookVerification(WebhookCaller caller, ObjectMapper mapper,
            cn.grid.platform.outbox.EventsConfig events) {
        this.caller = caller;
        this.mapper = mapper;
        this.source = events.source();
    }

    public void verify(UUID subscriptionId, String url, String secret) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UUID requestId = Ids.newId();
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", CloudEvent.SPEC_VERSION)
                .put("id", requestId.toString())
                .put("source", source)
                .put("type", TYPE)
                .put("subject", subscriptionId.toString())
                .put("time", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("datacontenttype", "application/json");
        event.putObject("data").put("subscriptionId", subscriptionId.toString()).put("challenge", challenge);
        WebhookCaller.Outcome outcome = caller.call(url, requestId.toString(), List.of(secret), event.toString());
        if (outcome.attempt().responseCode() == null) {
            throw WebhookUrls.refused("verification request got no answer: " + outcome.attempt().error());
        }
        if (!outcome.attempt().succeeded()) {
            throw WebhookUrls.refused("verification request was answered with HTTP "
                    + outcome.attempt().responseCode() + "; a 2xx echoing the challenge is needed");
        }
        if (!challenge.equals(echoed(outcome.body()))) {
            throw WebhookUrls.refused("verification answer did not echo the challenge as {\"challenge\": \"...\"}");
        }
    }

    private String echoed(String body) {
        try {
            JsonNode answer = mapper.readTree(body == null ? "" : body);
            return answer != null && answer.path("challenge").isTextual() ? answer.get("challenge").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
