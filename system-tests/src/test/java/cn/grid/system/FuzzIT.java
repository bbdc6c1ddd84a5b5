package cn.grid.system;

import cn.grid.system.fuzz.FuzzReport;
import cn.grid.system.fuzz.Fuzzer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, bad input: the fuzzer of {@code bench/fuzz/run} against the packaged suite with fresh databases, with
 * fewer requests ({@code fuzz.requests}, default 1,500) so the build stays fast: no 5xx, every 4xx problem+json.
 */
class FuzzIT extends AgainstTheSuite {

    @Test
    void badInputNeverGetsA5xxAndEvery4xxIsAProblem() throws Exception {
        Map<String, String> apis = new LinkedHashMap<>();
        for (String service : new String[]{"grid-service", "study-service", "request-service", "notification-service"}) {
            apis.put(service, "http://127.0.0.1:" + suite.port(service) + "/q/openapi?format=json");
        }
        Fuzzer fuzzer = new Fuzzer(suite.gateway(), apis, Integer.getInteger("fuzz.requests", 1_500),
                Long.getLong("fuzz.seed", 1L), System.out::println);
        FuzzReport report = fuzzer.run();
        System.out.println(report.table());
        assertThat(report.failures()).as(report::table).isEmpty();
    }
}
