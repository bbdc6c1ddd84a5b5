package cn.grid.system.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bench/fuzz/run}: the fuzzer against a suite that is already running. Configuration from environment
 * variables (or system properties of the same name in lower case with dots: {@code fuzz.requests} ...):
 * FUZZ_GATEWAY (http://127.0.0.1:8080), FUZZ_GRID_URL / FUZZ_STUDY_URL / FUZZ_REQUEST_URL / FUZZ_NOTIFICATION_URL (the
 * services, for their OpenAPI documents; 8081-8084), FUZZ_REQUESTS (5000), FUZZ_SEED (1). Exit status 1 when any answer broke the rules.
 */
public final class FuzzMain {

    private FuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> apis = new LinkedHashMap<>();
        apis.put("grid-service", setting("FUZZ_GRID_URL", "http://127.0.0.1:8081") + "/q/openapi?format=json");
        apis.put("study-service", setting("FUZZ_STUDY_URL", "http://127.0.0.1:8082") + "/q/openapi?format=json");
        apis.put("request-service", setting("FUZZ_REQUEST_URL", "http://127.0.0.1:8083") + "/q/openapi?format=json");
        apis.put("notification-service", setting("FUZZ_NOTIFICATION_URL", "http://127.0.0.1:8084")
                + "/q/openapi?format=json");
        Fuzzer fuzzer = new Fuzzer(setting("FUZZ_GATEWAY", "http://127.0.0.1:8080"), apis,
                Integer.parseInt(setting("FUZZ_REQUESTS", "5000")), Long.parseLong(setting("FUZZ_SEED", "1")),
                System.out::println);
        FuzzReport report = fuzzer.run();
        System.out.println();
        System.out.println(report.table());
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    private static String setting(String env, String fallback) {
        String property = System.getProperty(env.toLowerCase().replace('_', '.'));
        if (property != null && !property.isBlank()) {
            return property;
        }
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }
}
