package cn.grid.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Turns an operation into one request: valid values everywhere, then exactly one thing made wrong (the mutation),
 * chosen by the seeded {@link Random}, so the same seed gives the same requests.
 */
final class Mutations {

    /**
     * One request to send. {@code query} is already encoded; a null body sends none. {@code mustRefuse}: the
     * mutation is input every operation refuses (issue 17: control characters, lone surrogates, invalid UTF-8,
     * duplicate keys, unknown or server-owned fields, deep nesting), so a 2xx answer is a failure too.
     */
    record Case(OpenApi.Operation op, String mutation, String path, String query, Map<String, String> headers,
                byte[] body, String contentType, String role, boolean mustRefuse) {

        Case(OpenApi.Operation op, String mutation, String path, String query, Map<String, String> headers,
             byte[] body, String contentType, String role) {
            this(op, mutation, path, query, headers, body, contentType, role, false);
        }
    }

    static final String MB_STRING = "界".repeat(350_000); // > 1 MB in UTF-8

    static final List<String> ODD_STRINGS = List.of(
            "\u0000", "a\u0000b", "\ud800", "\udfff x", "\u202eevil\u202c", "مرحبا بالعالم", "👩‍👩‍👧‍👦🇨🇳",
            "Z\u0351\u0352\u0353\u0354\u0355\u0356", "\ufeffbom", "\u200b\u200c\u200d", "\uffff\ufffe", "\t\r\n",
            "𠜎𠜱𠝹", "\u001b[31m", "   ", "", "İıß", "\\", "\"", "%00", "%", "_", "\u2028\u2029",
            "\u0001", "a\u001fb", "\u000b\u000c", "\u007f", "\ud83d", "x\udc00");

    /**
     * Text every field refuses (issue 17): NUL and the other C0 controls but TAB, LF and CR, and lone UTF-16
     * surrogates (PostgreSQL refuses NUL in text; a lone surrogate is stored as {@code ?}).
     */
    static final List<String> HOSTILE_TEXT = List.of("\u0000", "title\u0000", "\u0001", "a\u0008b", "\u000b",
            "\u000c", "\u001b[2J", "\u001f", "\ud800", "x\udbff", "\udc00", "\udfff\ud800");

    /** Fields the server owns or no operation takes, set on top of a valid body (unless the body has them). */
    static final List<String> SERVER_OWNED = List.of("id", "version", "status", "createdAt", "updatedAt", "channel",
            "reporterSubject", "reporterId", "points", "createdBy", "gridPath", "deleted", "etag");

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE service_request; --", "\" OR 1=1 --", "1; SELECT pg_sleep(0)",
            "<script>alert(1)</script>", "javascript:alert(1)", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "#{7*7}",
            "%s%s%s%n", "../../../../etc/passwd", "..\\..\\windows", "$where: '1'", "{\"$gt\": \"\"}",
            "%' AND '%'='", "a%_\\%", "' || pg_sleep(0) || '", "() { :; }; echo x", "<!ENTITY x SYSTEM 'file:///'>",
            "*)(uid=*))(|(uid=*", "\\u0000", "NULL", "null", "undefined", "NaN", "-0", "1e309");

    static final List<String> BAD_IDS = List.of(
            "not-a-uuid", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "123", "-1", "0", "99999999999999999999", "1.5", "true", "null", "%00", "..", "..%2F..%2Fq%2Fhealth",
            "a".repeat(2_000), "' OR 1=1 --", "<script>", "%F0%9F%98%80", "%E2%80%AE", "%C0%AF", "%ED%A0%80",
            "g0000000-0000-0000-0000-000000000000", "0000000-0000-0000-0000-0000000000000", "{id}", "%20", "+",
            "00000000000000000000000000000000", "x.json", "%25", "%2e%2e");

    static final List<String> BAD_DATES = List.of(
            "2026-13-01", "2026-02-30", "2026-00-10", "26-1-1", "not-a-date", "2026-11-26T25:00:00Z",
            "2026-11-26T10:00:00", "2026-11-26T10:00:00+25:00", "+999999999-12-31", "-999999999-01-01",
            "0000-00-00", "2026-W48", "1700000000", "2026-11", "2026/11/26", "9999-12-31T23:59:59.999999999Z",
            "2026-11-26T10:00:00.123456789012Z", "", " ", "2026-11-26 10:00");

    static final List<String> BAD_MONTHS = List.of("2026-13", "2026-00", "2026-1", "202611", "2026-11-26", "x",
            "-2026-11", "99999-01", "");

    static final List<String> BAD_CURSORS = List.of("x", "!!!", "eyJ4IjoxfQ", "eyJ4IjoxfQ==", "AAAA",
            "%00", "a".repeat(5_000), "bnVsbA", "W10", "eyJpZCI6Im5vdC1hLXV1aWQiLCJhdCI6InguIn0",
            "MjAyNi0xMS0yNlQxMDowMDowMFp8bm90LWEtdXVpZA", "MTIzfDQ1Ng", "-", "=", "Ly8vLw", "7w");

    static final List<String> BAD_NUMBERS = List.of("-1", "0", "-2147483649", "2147483648", "9223372036854775808",
            "1e9", "1.5", "NaN", "Infinity", "0x10", "", "abc", "1,2", " 5", "+5", "١٢");

    static final List<String> BAD_IF_MATCH = List.of("garbage", "\"abc\"", "\"-1\"", "W/\"1\"", "*",
            "\"99999999999999999999\"", "\"1\", \"2\"", "\"\"", "\"", "1", "\"1.5\"", "\"0\"", "x".repeat(4_000));

    static final List<String> BAD_IDEMPOTENCY_KEYS = List.of("", " ", "x", "k".repeat(300), "k".repeat(9_000),
            "key with spaces", "' OR 1=1 --", "%00", "{}", "\\\\");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Values values;

    Mutations(Pool pool) {
        this.values = new Values(pool);
    }

    /** A request with valid values only (no mutation): the control group, and how the baseline reaches state. */
    Case valid(OpenApi.Operation op, Random random, String role) {
        return build(op, random, role, "valid");
    }

    Case mutate(OpenApi.Operation op, Random random, String role) {
        List<String> families = new ArrayList<>();
        if (!op.params("path").isEmpty()) {
            families.add("path");
        }
        if (!op.params("query").isEmpty()) {
            families.add("query");
        }
        families.add("query-extra");
        if (op.body() != null) {
            for (int i = 0; i < 4; i++) {
                families.add("body");
            }
        }
        families.add("header");
        String family = families.get(random.nextInt(families.size()));
        return build(op, random, role, family);
    }

    private Case build(OpenApi.Operation op, Random random, String role, String family) {
        String collection = null;
        StringBuilder mutation = new StringBuilder(family);
        Map<String, String> pathValues = new LinkedHashMap<>();
        String[] segments = op.path().split("/");
        String lastLiteral = null;
        List<OpenApi.Param> pathParams = op.params("path");
        OpenApi.Param badPath = family.equals("path") ? pathParams.get(random.nextInt(pathParams.size())) : null;
        for (String segment : segments) {
            if (segment.startsWith("{")) {
                String name = segment.substring(1, segment.indexOf('}'));
                OpenApi.Param param = pathParams.stream().filter(p -> p.name().equals(name)).findFirst()
                        .orElse(new OpenApi.Param("path", name, true, null));
                String value;
                if (param == badPath) {
                    value = BAD_IDS.get(random.nextInt(BAD_IDS.size()));
                    mutation.append(' ').append(name).append('=').append(abbreviate(value));
                    pathValues.put(name, urlSafe(value)); // %XX escapes in the list are kept: they are the point
                    continue;
                }
                value = values.valid(param.schema(), name, lastLiteral, random, 0).asText();
                pathValues.put(name, encodePath(value));
            } else if (!segment.isEmpty()) {
                lastLiteral = segment.replace(".json", "");
                collection = lastLiteral;
            }
        }
        String path = op.path();
        for (Map.Entry<String, String> v : pathValues.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }

        // query
        List<String> query = new ArrayList<>();
        List<OpenApi.Param> queryParams = op.params("query");
        OpenApi.Param badQuery = family.equals("query") ? queryParams.get(random.nextInt(queryParams.size())) : null;
        for (OpenApi.Param p : queryParams) {
            if (p == badQuery) {
                String value = badQueryValue(p, random);
                mutation.append(' ').append(p.name()).append('=').append(abbreviate(value));
                query.add(encodeQuery(p.name()) + "=" + encodeQuery(value));
            } else if (p.required() || random.nextInt(3) == 0) {
                JsonNode v = values.valid(p.schema(), p.name(), collection, random, 0);
                if (v.isArray()) {
                    v.forEach(item -> query.add(encodeQuery(p.name()) + "=" + encodeQuery(item.asText())));
                } else {
                    query.add(encodeQuery(p.name()) + "=" + encodeQuery(v.asText()));
                }
            }
        }
        if (family.equals("query-extra")) {
            switch (random.nextInt(3)) {
                case 0 -> {
                    String name = random.nextBoolean() ? "unknown" : "limit";
                    String value = INJECTIONS.get(random.nextInt(INJECTIONS.size()));
                    query.add(encodeQuery(name) + "=" + encodeQuery(value));
                    mutation.append(' ').append(name).append('=').append(abbreviate(value));
                }
                case 1 -> {
                    String name = queryParams.isEmpty() ? "cursor" : queryParams.get(random.nextInt(queryParams.size())).name();
                    query.add(encodeQuery(name) + "=a");
                    query.add(encodeQuery(name) + "=b");
                    mutation.append(" repeated ").append(name);
                }
                default -> {
                    List<String> raws = List.of("a=%00", "=", "&&&", "%ED%A0%80=1", "limit=%C0%AF", "cursor=%FF",
                            "q=%01", "cursor=%00", "limit=1%00", "%1F=1", "q=%ED%B0%80");
                    String raw = raws.get(random.nextInt(raws.size()));
                    query.add(raw);
                    mutation.append(" raw ").append(raw);
                }
            }
        }

        // headers
        Map<String, String> headers = new LinkedHashMap<>();
        List<OpenApi.Param> headerParams = op.params("header");
        boolean xapi = op.path().startsWith("/xapi");
        if (xapi) {
            headers.put("X-Experience-API-Version", "1.0.3");
        }
        for (OpenApi.Param h : headerParams) {
            if (h.name().equalsIgnoreCase("Idempotency-Key")) {
                headers.put(h.name(), new UUID(random.nextLong(), random.nextLong()).toString());
            } else if (h.name().equalsIgnoreCase("If-Match")) {
                headers.put(h.name(), Fuzzer.ETAG_PLACEHOLDER);
            } else if (h.name().equalsIgnoreCase("X-Experience-API-Version")) {
                headers.put(h.name(), "1.0.3");
            } else if (h.required()) {
                headers.put(h.name(), values.valid(h.schema(), h.name(), collection, random, 0).asText());
            }
        }
        if (family.equals("header")) {
            int pick = random.nextInt(5);
            if (pick == 0 || pick == 1) {
                String value = BAD_IF_MATCH.get(random.nextInt(BAD_IF_MATCH.size()));
                headers.put("If-Match", value);
                mutation.append(" If-Match=").append(abbreviate(value));
            } else if (pick == 2) {
                String value = BAD_IDEMPOTENCY_KEYS.get(random.nextInt(BAD_IDEMPOTENCY_KEYS.size()));
                headers.put("Idempotency-Key", value);
                mutation.append(" Idempotency-Key=").append(abbreviate(value));
            } else if (pick == 3) {
                String value = List.of("application/xml", "text/csv", "*/*;q=x", "image/png", "application/json;charset=x")
                        .get(random.nextInt(5));
                headers.put("Accept", value);
                mutation.append(" Accept=").append(value);
            } else {
                String value = List.of("", "0.95", "2.0.0", "1.0.99999999999", "x").get(random.nextInt(5));
                headers.put("X-Experience-API-Version", value);
                mutation.append(" X-Experience-API-Version=").append(value);
            }
        }

        // body
        byte[] body = null;
        String contentType = null;
        if (op.body() != null) {
            JsonNode valid = values.valid(op.body(), null, collection, random, 0);
            contentType = op.bodyMediaType() == null || op.bodyMediaType().equals("*/*") ? "application/json"
                    : op.bodyMediaType();
            if (family.equals("body")) {
                return bodyCase(op, random, role, mutation, path, query, headers, valid, contentType);
            }
            body = write(valid);
        }
        return new Case(op, mutation.toString(), path, String.join("&", query), headers, body, contentType, role);
    }

    private Case bodyCase(OpenApi.Operation op, Random random, String role, StringBuilder mutation, String path,
                          List<String> query, Map<String, String> headers, JsonNode valid, String contentType) {
        byte[] body;
        int kind = random.nextInt(22);
        boolean mustRefuse = false;
        switch (kind) {
            case 0, 1 -> { // a field with the wrong type
                JsonNode wrong = List.<JsonNode>of(JSON.numberNode(42), JSON.textNode("x"), JSON.booleanNode(true),
                        JSON.objectNode().put("a", 1), JSON.arrayNode().add(1), JSON.numberNode(1.5),
                        JSON.numberNode(new java.math.BigInteger("123456789012345678901234567890")))
                        .get(random.nextInt(7));
                String field = setRandomField(valid, random, wrong);
                mutation.append(" wrong-type ").append(field).append('=').append(abbreviate(wrong.toString()));
                body = write(valid);
            }
            case 2 -> { // a required field missing, or null
                boolean asNull = random.nextBoolean();
                String field = removeRandomField(valid, random, asNull);
                mutation.append(asNull ? " null " : " missing ").append(field);
                body = write(valid);
            }
            case 3 -> { // an extra, unknown field
                if (valid.isObject()) {
                    ((ObjectNode) valid).put("fuzzExtra" + random.nextInt(10), "x");
                    mustRefuse = true;
                }
                mutation.append(" extra-field");
                body = write(valid);
            }
            case 4 -> { // a huge string: 1 MB, or 64 KB
                boolean mb = random.nextInt(4) == 0;
                String huge = mb ? MB_STRING : "x".repeat(65_536);
                String field = setRandomString(valid, random, huge);
                mutation.append(" huge-string ").append(mb ? "1MB " : "64KB ").append(field);
                body = write(valid);
            }
            case 5, 6 -> { // odd Unicode
                String odd = ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size()));
                String field = setRandomString(valid, random, odd);
                mutation.append(" odd-unicode ").append(field).append('=').append(escape(odd));
                body = write(valid);
            }
            case 7, 8 -> { // injection strings
                String injection = INJECTIONS.get(random.nextInt(INJECTIONS.size()));
                String field = setRandomString(valid, random, injection);
                mutation.append(" injection ").append(field).append('=').append(abbreviate(injection));
                body = write(valid);
            }
            case 9 -> { // numbers at and past the edges, bad dates in date fields
                boolean date = random.nextBoolean();
                JsonNode value = date ? JSON.textNode(BAD_DATES.get(random.nextInt(BAD_DATES.size())))
                        : List.<JsonNode>of(JSON.numberNode(-1), JSON.numberNode(0), JSON.numberNode(Long.MAX_VALUE),
                        JSON.numberNode(Integer.MIN_VALUE), JSON.numberNode(new java.math.BigDecimal("1e400")),
                        JSON.numberNode(-0.0), JSON.numberNode(2147483648L)).get(random.nextInt(7));
                String field = date ? setDateField(valid, random, value) : setRandomField(valid, random, value);
                mutation.append(date ? " bad-date " : " edge-number ").append(field).append('=').append(value);
                body = write(valid);
            }
            case 10, 11 -> { // broken JSON
                String text = new String(write(valid), StandardCharsets.UTF_8);
                List<String> broken = List.of(
                        text.substring(0, Math.max(1, text.length() / 2)), text + "}", text + " trailing",
                        "{", "}", "[", "nul", "{\"a\":}", "{'single': 'quotes'}", "{\"a\": NaN}", "{\"a\": 01}",
                        text.replaceFirst(":", "::"), "{\"a\":1,}", "\u0000", "{\"a\": \"\\u00\"}",
                        "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
                        "{\"a\": 1e99999999}", "{\"a\": -}", "{\"a\": \"\n\"}", "/* c */ {}", "{\"a\":1}{\"b\":2}");
                int pick = random.nextInt(broken.size());
                mutation.append(" broken-json #").append(pick);
                body = broken.get(pick).getBytes(StandardCharsets.UTF_8);
            }
            case 12 -> { // another top-level type
                List<String> tops = List.of("[]", "[" + new String(write(valid), StandardCharsets.UTF_8) + "]", "\"x\"",
                        "42", "true", "null", "{}");
                int pick = random.nextInt(tops.size());
                mutation.append(" top-level ").append(tops.get(pick).length() > 20 ? "array-of-valid" : tops.get(pick));
                body = tops.get(pick).getBytes(StandardCharsets.UTF_8);
            }
            case 13 -> { // the body labelled with another media type, or none
                String type = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=latin1", "", "application/*")
                        .get(random.nextInt(7));
                mutation.append(" content-type=").append(type.isEmpty() ? "(none)" : type);
                return new Case(op, mutation.toString(), path, String.join("&", query), headers, write(valid),
                        type.isEmpty() ? null : type, role);
            }
            case 14 -> { // empty body
                mutation.append(" empty-body");
                body = new byte[0];
            }
            case 16, 17 -> { // control characters and lone surrogates: every JSON string refuses them
                String hostile = HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
                String field = setRandomString(valid, random, hostile);
                mustRefuse = !field.equals("(no field)");
                mutation.append(" control-char ").append(field).append('=').append(escape(hostile));
                body = write(valid);
            }
            case 18 -> { // a key repeated in an object: the top level, or the object a random field is in
                String text = new String(write(valid), StandardCharsets.UTF_8);
                List<Object[]> members = fields(valid, "", new ArrayList<>(), 0).stream()
                        .filter(f -> f[1] instanceof ObjectNode).toList();
                if (members.isEmpty()) {
                    body = text.getBytes(StandardCharsets.UTF_8);
                    mutation.append(" duplicate-key (no field)");
                } else {
                    Object[] member = members.get(random.nextInt(members.size()));
                    ObjectNode parent = (ObjectNode) member[1];
                    String name = (String) member[2];
                    String again = MAPPER.valueToTree(name).toString() + ":" + parent.get(name).toString() + ",";
                    String parentText = parent.toString();
                    String doubled = "{" + again + parentText.substring(1);
                    body = text.replace(parentText, doubled).getBytes(StandardCharsets.UTF_8);
                    mustRefuse = true;
                    mutation.append(" duplicate-key ").append(member[0]);
                }
            }
            case 19 -> { // a field the server owns (id, version, status ...) or that the caller may not set
                if (valid.isObject()) {
                    List<String> absent = SERVER_OWNED.stream().filter(f -> !valid.has(f)).toList();
                    String field = absent.get(random.nextInt(absent.size()));
                    JsonNode value = switch (field) {
                        case "id" -> JSON.textNode(UUID.randomUUID().toString());
                        case "version", "points" -> JSON.numberNode(7);
                        case "deleted" -> JSON.booleanNode(true);
                        default -> JSON.textNode("CLOSED");
                    };
                    ((ObjectNode) valid).set(field, value);
                    mustRefuse = true;
                    mutation.append(" server-owned ").append(field);
                } else {
                    mutation.append(" server-owned (not an object)");
                }
                body = write(valid);
            }
            case 20 -> { // deep nesting as a field's value (the whole body nested is broken-json #15)
                String marker = "FUZZDEEP";
                String field = setRandomField(valid, random, JSON.textNode(marker));
                int depth = List.of(1_001, 10_000, 100_000).get(random.nextInt(3));
                String nested = (random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
                body = new String(write(valid), StandardCharsets.UTF_8).replace("\"" + marker + "\"", nested)
                        .getBytes(StandardCharsets.UTF_8);
                mustRefuse = !field.equals("(no field)");
                mutation.append(" deep-nesting ").append(field).append(" depth=").append(depth);
            }
            case 21 -> { // numbers too big for any column: 400 digits, exponents past double
                String marker = "FUZZNUM";
                String field = setRandomField(valid, random, JSON.textNode(marker));
                String number = List.of("9".repeat(400), "-" + "9".repeat(400), "1e400", "-1e400",
                        "0." + "0".repeat(400) + "1", "1" + "0".repeat(5_000)).get(random.nextInt(6));
                body = new String(write(valid), StandardCharsets.UTF_8).replace("\"" + marker + "\"", number)
                        .getBytes(StandardCharsets.UTF_8);
                mutation.append(" huge-number ").append(field).append('=').append(abbreviate(number));
            }
            default -> { // bytes that are not UTF-8: overlong '/', a lone continuation byte, a surrogate encoded raw
                byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xFF, (byte) 0xFE}};
                int pick = random.nextInt(bad.length);
                String marker = "FUZZMARK";
                setRandomString(valid, random, marker);
                byte[] text = write(valid);
                String s = new String(text, StandardCharsets.UTF_8);
                int at = s.indexOf(marker);
                mutation.append(" invalid-utf8 #").append(pick);
                mustRefuse = true;
                if (at < 0) {
                    body = concat(bad[pick], text);
                } else {
                    byte[] before = s.substring(0, at).getBytes(StandardCharsets.UTF_8);
                    byte[] after = s.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
                    body = concat(concat(before, bad[pick]), after);
                }
            }
        }
        return new Case(op, mutation.toString(), path, String.join("&", query), headers, body, contentType, role,
                mustRefuse);
    }

    private String badQueryValue(OpenApi.Param p, Random random) {
        String name = p.name().toLowerCase();
        String format = p.schema() == null ? "" : p.schema().path("format").asText("");
        String type = OpenApi.type(p.schema());
        List<String> pool;
        if (name.equals("cursor") || name.equals("more")) {
            pool = BAD_CURSORS;
        } else if (name.contains("month")) {
            pool = BAD_MONTHS;
        } else if (format.startsWith("date") || name.equals("from") || name.equals("to") || name.equals("since")
                || name.equals("until") || name.contains("date") || name.endsWith("at")) {
            pool = BAD_DATES;
        } else if (type.equals("integer") || type.equals("number") || name.equals("limit")) {
            pool = BAD_NUMBERS;
        } else if (format.equals("uuid") || name.endsWith("id")) {
            pool = BAD_IDS.stream().map(Mutations::decodeLoosely).toList();
        } else if (type.equals("boolean")) {
            pool = List.of("yes", "2", "", "TRUE ", "null");
        } else if (p.schema() != null && p.schema().has("enum")) {
            pool = List.of("UNKNOWN", "", "grid", "1", "' OR 1=1", "\u0000");
        } else {
            List<String> all = new ArrayList<>(ODD_STRINGS);
            all.addAll(INJECTIONS);
            all.add("x".repeat(10_000));
            pool = all;
        }
        return pool.get(random.nextInt(pool.size()));
    }

    /** Fields of the (nested) object: {@code path → parent}, so one can be replaced. */
    private static List<Object[]> fields(JsonNode node, String prefix, List<Object[]> out, int depth) {
        if (depth > 8) {
            return out;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                String p = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
                out.add(new Object[]{p, node, f.getKey()});
                fields(f.getValue(), p, out, depth + 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = prefix + "[" + i + "]";
                out.add(new Object[]{p, node, i});
                fields(node.get(i), p, out, depth + 1);
            }
        }
        return out;
    }

    private static void set(Object[] field, JsonNode value) {
        if (field[1] instanceof ObjectNode object) {
            object.set((String) field[2], value);
        } else {
            ((ArrayNode) field[1]).set((Integer) field[2], value);
        }
    }

    private static String setRandomField(JsonNode root, Random random, JsonNode value) {
        List<Object[]> all = fields(root, "", new ArrayList<>(), 0);
        if (all.isEmpty()) {
            return "(no field)";
        }
        Object[] field = all.get(random.nextInt(all.size()));
        set(field, value);
        return (String) field[0];
    }

    private static String setRandomString(JsonNode root, Random random, String value) {
        List<Object[]> all = fields(root, "", new ArrayList<>(), 0);
        List<Object[]> strings = all.stream().filter(f -> get(f).isTextual()).toList();
        List<Object[]> from = strings.isEmpty() ? all : strings;
        if (from.isEmpty()) {
            return "(no field)";
        }
        Object[] field = from.get(random.nextInt(from.size()));
        set(field, JSON.textNode(value));
        return (String) field[0];
    }

    private static String setDateField(JsonNode root, Random random, JsonNode value) {
        List<Object[]> all = fields(root, "", new ArrayList<>(), 0);
        List<Object[]> dates = all.stream().filter(f -> get(f).isTextual()
                && get(f).asText().matches("\\d{4}-\\d{2}.*")).toList();
        List<Object[]> from = dates.isEmpty() ? all : dates;
        if (from.isEmpty()) {
            return "(no field)";
        }
        Object[] field = from.get(random.nextInt(from.size()));
        set(field, value);
        return (String) field[0];
    }

    private static JsonNode get(Object[] field) {
        return field[1] instanceof ObjectNode object ? object.get((String) field[2])
                : ((ArrayNode) field[1]).get((Integer) field[2]);
    }

    private static String removeRandomField(JsonNode root, Random random, boolean asNull) {
        List<Object[]> all = fields(root, "", new ArrayList<>(), 0).stream()
                .filter(f -> f[1] instanceof ObjectNode).toList();
        if (all.isEmpty()) {
            return "(no field)";
        }
        Object[] field = all.get(random.nextInt(all.size()));
        if (asNull) {
            ((ObjectNode) field[1]).putNull((String) field[2]);
        } else {
            ((ObjectNode) field[1]).remove((String) field[2]);
        }
        return (String) field[0];
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Every character that may not stand in a URL percent-encoded; valid {@code %XX} escapes stay as they are. */
    static String urlSafe(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0 && Character.digit(value.charAt(i + 2), 16) >= 0) {
                out.append(c);
            } else if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return out.toString();
    }

    static String encodePath(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decodeLoosely(String value) {
        try {
            return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    static String abbreviate(String value) {
        String escaped = escape(value);
        return escaped.length() > 40 ? escaped.substring(0, 30) + "…(" + value.length() + " chars)" : escaped;
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().forEach(c -> {
            if (c < 0x20 || c >= 0xD800 && c <= 0xDFFF || c == 0x202E || c == 0xFEFF || c == 0x200B) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
