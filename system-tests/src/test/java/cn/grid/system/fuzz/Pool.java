package cn.grid.system.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The real entities the baseline created, by kind ({@code grids}, {@code people}, {@code requests} ...), so that
 * generated requests name things that exist and mutations reach the code behind the 404 check.
 */
final class Pool {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    void add(String kind, String value) {
        if (value != null) {
            values.computeIfAbsent(kind, k -> new ArrayList<>()).add(value);
        }
    }

    String pick(String kind, Random random) {
        List<String> list = values.get(kind);
        return list == null || list.isEmpty() ? null : list.get(random.nextInt(list.size()));
    }

    Map<String, List<String>> all() {
        return values;
    }

    /**
     * The kind of entity a parameter or property names, from its name and, for a bare {@code id}, the collection
     * segment before it in the path ({@code /api/v1/study/sessions/{id}} → {@code sessions}).
     */
    static String kindOf(String name, String collection) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("id") || n.equals("ids")) {
            return collection;
        }
        if (n.contains("node") || n.equals("parentid") || n.equals("gridscope")) {
            return "grids";
        }
        if (n.contains("person") || n.equals("personids")) {
            return "people";
        }
        if (n.contains("org")) {
            return "party-orgs";
        }
        if (n.contains("material")) {
            return "materials";
        }
        if (n.contains("session")) {
            return "sessions";
        }
        if (n.equals("service_request_id") || n.equals("requestid")) {
            return "requests";
        }
        if (n.equals("service_code") || n.equals("category") || n.equals("code") && "request-categories".equals(collection)) {
            return "categories";
        }
        if (n.contains("assignment")) {
            return "assignments";
        }
        if (n.contains("team")) {
            return "teams";
        }
        if (n.equals("membershipid")) {
            return "memberships";
        }
        if (n.equals("memberid")) {
            return "team-members";
        }
        if (n.contains("reflection")) {
            return "reflections";
        }
        if (n.contains("plan")) {
            return "plans";
        }
        if (n.equals("api_key")) {
            return "api-keys";
        }
        if (n.equals("subject") || n.endsWith("subject") || n.equals("targetid") || n.equals("assignee")) {
            return "subjects";
        }
        return null;
    }
}
