package cn.grid.request.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema checks of the Open311 tests are worth something only if the validator really reads the official
 * schemas, $refs included: a wrong answer must fail them.
 */
class Open311SchemasTest {

    @Test
    void theOfficialSchemasAcceptARightAnswerAndRefuseAWrongOne() {
        String right = """
                [{"service_request_id": "0190f3a2-0000-7000-8000-000000000001", "status": "open",
                  "service_code": "water-pipe", "requested_datetime": "2026-11-25T10:00:00+08:00",
                  "lat": null, "long": null, "media_url": null, "expected_datetime": null}]""";
        assertThat(Open311Schemas.violations("requests.json", right)).isEmpty();

        // a numeric id and code (the spec's own examples), an unknown status, a date that is not RFC 3339
        String wrong = """
                [{"service_request_id": 638349, "status": "pending", "service_code": 6,
                  "requested_datetime": "yesterday", "media_url": "not a uri"}]""";
        assertThat(Open311Schemas.violations("requests.json", wrong)).extracting(e -> e.getInstanceLocation().toString())
                .contains("/0/service_request_id", "/0/status", "/0/service_code", "/0/requested_datetime");
        assertThat(Open311Schemas.violations("services.json", "[{\"service_code\": \"x\", \"service_name\": \"n\", "
                + "\"metadata\": \"yes\", \"type\": \"realtime\"}]")).isNotEmpty();
        assertThat(Open311Schemas.violations("service-definition.json", "{\"service_code\": \"x\", \"attributes\": "
                + "[{\"variable\": true, \"code\": \"a\", \"datatype\": \"colour\", \"required\": false}]}"))
                .isNotEmpty();
    }
}
