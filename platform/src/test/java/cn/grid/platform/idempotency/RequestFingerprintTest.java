package cn.grid.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as the same request for an Idempotency-Key, on commands parsed from JSON as the services parse them. */
class RequestFingerprintTest {

    /** Shaped like request-service's SubmitRequest: scalars, a list, and an open map of attributes. */
    record Submit(String title, Double latitude, List<String> photos, Map<String, Object> attributes, UUID node,
            LocalDate due) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static Submit parse(String json) throws Exception {
        return JSON.readValue(json, Submit.class);
    }

    private static final String BODY = """
            {"title": "路灯不亮", "latitude": 25.6, "photos": ["a.jpg", "b.jpg"],
             "attributes": {"floor": 3, "kind": "LED", "extra": {"x": 1, "y": [1, 2]}},
             "node": "0b9f6a2e-7d1c-4c55-9a57-2a8c1f1b0c11", "due": "2026-12-07"}""";

    @Test
    void reorderedKeysWhitespaceAndNumberSpellingAreTheSameRequest() throws Exception {
        String reordered = """
                {"due":"2026-12-07","node":"0b9f6a2e-7d1c-4c55-9a57-2a8c1f1b0c11",
                 "attributes":{"extra":{"y":[1.0,2],"x":1.00},"kind":"LED","floor":3.0},
                 "photos":["a.jpg","b.jpg"],"latitude":2.56e1,"title":"路灯不亮"}""";

        // what the services stored before: toString() of the parsed record sees the attributes' key order
        assertThat(RequestFingerprint.legacy(parse(reordered))).isNotEqualTo(RequestFingerprint.legacy(parse(BODY)));
        assertThat(RequestFingerprint.of(parse(reordered))).isEqualTo(RequestFingerprint.of(parse(BODY)));
        assertThat(RequestFingerprint.of(parse(BODY))).startsWith("v2:");
        assertThat(RequestFingerprint.canonical(parse(BODY))).isEqualTo("{\"attributes\":{\"extra\":{\"x\":1,\"y\":[1,2]},"
                + "\"floor\":3,\"kind\":\"LED\"},\"due\":\"2026-12-07\",\"latitude\":25.6,"
                + "\"node\":\"0b9f6a2e-7d1c-4c55-9a57-2a8c1f1b0c11\",\"photos\":[\"a.jpg\",\"b.jpg\"],\"title\":\"路灯不亮\"}");
    }

    @Test
    void aDifferentBodyIsADifferentRequest() throws Exception {
        String fingerprint = RequestFingerprint.of(parse(BODY));
        assertThat(RequestFingerprint.of(parse(BODY.replace("路灯不亮", "路灯坏了")))).isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(parse(BODY.replace("\"floor\": 3", "\"floor\": 3.5")))).isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(parse(BODY.replace("\"floor\": 3", "\"floor\": \"3\"")))).isNotEqualTo(fingerprint);
        // a list keeps its order: photos in another order are another request
        assertThat(RequestFingerprint.of(parse(BODY.replace("[\"a.jpg\", \"b.jpg\"]", "[\"b.jpg\", \"a.jpg\"]"))))
                .isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.matches(fingerprint, parse(BODY.replace("路灯不亮", "路灯坏了")))).isFalse();
    }

    @Test
    void aKeyStoredBeforeTheUpgradeStillMatchesItsRetry() throws Exception {
        Submit command = parse(BODY);
        String storedByTheOldVersion = RequestFingerprint.legacy(command);

        assertThat(storedByTheOldVersion).doesNotStartWith("v2:");
        assertThat(RequestFingerprint.matches(storedByTheOldVersion, parse(BODY))).isTrue();
        assertThat(RequestFingerprint.matches(storedByTheOldVersion, parse(BODY.replace("路灯不亮", "路灯坏了"))))
                .isFalse();
        assertThat(RequestFingerprint.matches(RequestFingerprint.of(command), parse(BODY))).isTrue();
    }
}
