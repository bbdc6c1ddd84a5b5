package cn.grid.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the fuzz run saw, per service, and every answer that broke the rules. */
public final class FuzzReport {

    /** A broken rule: the first request that showed it, and how many requests showed the same. */
    public record Failure(String service, String method, String template, String mutation, int status,
                          String problem, String excerpt, int[] times) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<Integer, Long> statuses = new java.util.TreeMap<>();
    private final Map<String, Failure> failures = new LinkedHashMap<>();

    FuzzReport(Collection<String> services) {
        services.forEach(s -> counts.put(s, new long[7]));
    }

    // counts: sent, 2xx, 3xx, 4xx, 5xx, 4xx not problem+json, 2xx for input that must be refused

    void record(Mutations.Case c, HttpResponse<byte[]> r) {
        long[] n = counts.computeIfAbsent(c.op().service(), s -> new long[7]);
        n[0]++;
        int status = r.statusCode();
        statuses.merge(status, 1L, Long::sum);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        if (status >= 500) {
            n[4]++;
            fail(c, status, "5xx", body);
        } else if (status >= 400) {
            n[3]++;
            String why = problemViolation(c.path(), r, body);
            if (why != null) {
                n[5]++;
                fail(c, status, why, body);
            }
        } else if (status >= 300) {
            n[2]++;
        } else {
            n[1]++;
            if (c.mustRefuse()) {
                // hostile input (control characters, invalid UTF-8, duplicate keys, unknown fields ...) taken
                n[6]++;
                fail(c, status, "hostile input accepted", body);
            }
        }
    }

    private final List<String> unsendable = new ArrayList<>();

    void unsendable(Mutations.Case c, IllegalArgumentException e) {
        unsendable.add(c.op().key() + " — " + c.mutation() + ": " + e.getMessage());
    }

    void noAnswer(Mutations.Case c, Exception e) {
        long[] n = counts.computeIfAbsent(c.op().service(), s -> new long[7]);
        n[0]++;
        n[4]++;
        fail(c, 0, "no answer", e.toString());
    }

    /** Why a 4xx answer is not acceptable, or null when it is. */
    static String problemViolation(String path, HttpResponse<byte[]> r, String body) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode json;
        try {
            json = body.isEmpty() ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (type.startsWith("application/problem+json")) {
            if (json == null || !json.isObject()) {
                return "problem+json body unparsable";
            }
            if (json.path("status").asInt() != r.statusCode() || !json.path("title").isTextual()) {
                return "problem+json without matching status/title";
            }
            return null;
        }
        // GeoReport v2 answers its errors as [{"code": 400, "description": "..."}] (request-service README)
        if (path.startsWith("/open311/") && type.startsWith("application/json") && json != null && json.isArray()
                && !json.isEmpty() && json.get(0).has("code") && json.get(0).has("description")) {
            return null;
        }
        return "4xx not problem+json (" + (type.isEmpty() ? "no Content-Type" : type) + ")";
    }

    private void fail(Mutations.Case c, int status, String problem, String body) {
        String family = c.mutation().split(" ")[0] + (c.mutation().contains(" ") ? " " + c.mutation().split(" ")[1] : "");
        String key = c.op().key() + "|" + family + "|" + status + "|" + problem;
        Failure existing = failures.get(key);
        if (existing != null) {
            existing.times()[0]++;
            return;
        }
        String excerpt = body.replaceAll("\\s+", " ");
        failures.put(key, new Failure(c.op().service(), c.op().method(), c.op().path(), c.mutation() + " [" + c.role()
                + "]", status, problem, excerpt.length() > 240 ? excerpt.substring(0, 240) + "…" : excerpt,
                new int[]{1}));
    }

    public List<Failure> failures() {
        return new ArrayList<>(failures.values());
    }

    public long total() {
        return counts.values().stream().mapToLong(n -> n[0]).sum();
    }

    /** Answers with a 5xx, and requests that got no answer at all. */
    public long serverErrors() {
        return counts.values().stream().mapToLong(n -> n[4]).sum();
    }

    /** Hostile input answered with a 2xx. */
    public long hostileAccepted() {
        return counts.values().stream().mapToLong(n -> n[6]).sum();
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("requests sent: ").append(total()).append(", 5xx seen: ").append(serverErrors())
                .append(", hostile input accepted: ").append(hostileAccepted()).append("\n\n");
        out.append("| service | requests | 2xx | 3xx | 4xx | 5xx / no answer | 4xx not problem+json "
                + "| hostile input 2xx |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        long[] total = new long[7];
        counts.forEach((service, n) -> {
            row(out, service, n);
            for (int i = 0; i < n.length; i++) {
                total[i] += n[i];
            }
        });
        row(out, "**all**", total);
        out.append("\nstatuses: ");
        statuses.forEach((status, n) -> out.append(status).append(" ×").append(n).append("  "));
        out.append('\n');
        if (!unsendable.isEmpty()) {
            out.append("\n").append(unsendable.size()).append(" generated requests the HTTP client refused to send (not counted), e.g. ")
                    .append(unsendable.get(0)).append('\n');
        }
        if (failures.isEmpty()) {
            out.append("\nno failures\n");
        } else {
            out.append("\n").append(failures.size()).append(" distinct failures (method, path, mutation family, status):\n");
            for (Failure f : failures.values()) {
                out.append("- ").append(f.status()).append(' ').append(f.problem()).append(": ").append(f.method())
                        .append(' ').append(f.template()).append(" — ").append(f.mutation()).append(" (×")
                        .append(f.times()[0]).append(")\n    ").append(f.excerpt()).append('\n');
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String service, long[] n) {
        out.append("| ").append(service);
        for (long v : n) {
            out.append(" | ").append(v);
        }
        out.append(" |\n");
    }
}
