package cn.grid.study.api;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.study.domain.xapi.StatementFormat;
import cn.grid.study.domain.xapi.StatementQuery;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque {@code more} of a StatementResult: the whole query and the last statement already returned, as
 * base64url JSON, so the next page needs nothing else ({@code /xapi/statements?more=...}, relative to the server
 * root as the spec asks; clients resolve it against their endpoint's origin).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record XapiMoreCursor(String agent, String verb, String activity, UUID registration, OffsetDateTime since,
        OffsetDateTime until, int limit, boolean ascending, String format, long after) {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    static String encode(StatementQuery q, long after) {
        XapiMoreCursor cursor = new XapiMoreCursor(q.agentKey(), q.verbId(), q.activityId(), q.registration(), q.since(),
                q.until(), q.limit(), q.ascending(), q.format().parameter(), after);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(cursor));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static StatementQuery decode(String more) {
        try {
            XapiMoreCursor c = JSON.readValue(Base64.getUrlDecoder().decode(more.getBytes(StandardCharsets.US_ASCII)),
                    XapiMoreCursor.class);
            StatementFormat format = StatementFormat.parse(c.format());
            if (format == null) {
                throw new IllegalArgumentException("format");
            }
            return new StatementQuery(c.agent(), c.verb(), c.activity(), c.registration(), c.since(), c.until(),
                    c.limit(), c.ascending(), format, c.after());
        } catch (Exception e) {
            throw new DomainProblem(ProblemType.INVALID_CURSOR, "the more parameter is not a cursor this LRS gave out");
        }
    }
}
