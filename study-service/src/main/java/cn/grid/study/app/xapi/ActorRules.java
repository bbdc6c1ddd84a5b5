package cn.grid.study.app.xapi;

import cn.grid.study.domain.xapi.AgentKeys;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static cn.grid.study.app.xapi.Violations.at;

/**
 * Actors (Data 2.4.2): an Agent with exactly one inverse functional identifier (mbox, mbox_sha1sum, openid, account),
 * a Group — identified (one identifier) or anonymous (no identifier, members listed) — whose members are Agents; and
 * the authority (Data 2.4.9), an Agent or the OAuth pair of application and user as an anonymous Group of two.
 */
final class ActorRules {

    private static final Pattern MAILTO = Pattern.compile("mailto:[^\\s@]+@[^\\s@]+");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Set<String> AGENT = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");
    private static final Set<String> GROUP = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account",
            "member");
    private static final Set<String> IFIS = Set.of("mbox", "mbox_sha1sum", "openid", "account");
    private static final Set<String> ACCOUNT = Set.of("homePage", "name");

    private final Violations v;

    ActorRules(Violations v) {
        this.v = v;
    }

    /** An Agent, or a Group when it says so. */
    void actor(JsonNode a, String path) {
        if (a.isObject() && "Group".equals(a.path("objectType").asText(null))) {
            group(a, path);
        } else {
            agent(a, path);
        }
    }

    /**
     * An authority is an Agent, or (OAuth 1.0: the application and the user) an anonymous Group of exactly two Agents
     * (Data 2.4.9). The LRS replaces it, but a statement sent with an impossible one is still not valid. Checked on
     * top of {@link #actor}.
     */
    void authority(JsonNode a) {
        if (!a.isObject() || !"Group".equals(a.path("objectType").asText(null))) {
            return;
        }
        if (ifiCount(a) > 0) {
            v.error("authority", "a Group authority is anonymous (no mbox, mbox_sha1sum, openid or account)");
        }
        if (!a.path("member").isArray() || a.path("member").size() != 2) {
            v.error(at("authority", "member"), "a Group authority has exactly two Agents (the OAuth consumer and user)");
        }
    }

    private static int ifiCount(JsonNode a) {
        int n = 0;
        for (String ifi : List.of("mbox", "mbox_sha1sum", "openid", "account")) {
            n += a.has(ifi) ? 1 : 0;
        }
        return n;
    }

    void agent(JsonNode a, String path) {
        if (!v.object(a, path, AGENT)) {
            return;
        }
        if (a.has("objectType") && !"Agent".equals(a.get("objectType").asText(null))) {
            v.error(at(path, "objectType"), "must be Agent");
        }
        name(a, path);
        int ifis = ifis(a, path);
        if (ifis != 1) {
            v.error(path.isEmpty() ? "" : path, "an Agent needs exactly one of mbox, mbox_sha1sum, openid, account, not "
                    + ifis);
        }
    }

    void group(JsonNode g, String path) {
        if (!v.object(g, path, GROUP)) {
            return;
        }
        name(g, path);
        int ifis = ifis(g, path);
        if (ifis > 1) {
            v.error(path, "a Group has at most one of mbox, mbox_sha1sum, openid, account, not " + ifis);
        }
        JsonNode member = g.get("member");
        if (member == null) {
            if (ifis == 0) {
                v.error(at(path, "member"), "an anonymous Group must list its members");
            }
            return;
        }
        if (!member.isArray() || ifis == 0 && member.isEmpty()) {
            v.error(at(path, "member"), ifis == 0 ? "an anonymous Group must list at least one member"
                    : "must be an array of Agents");
            return;
        }
        for (int i = 0; i < member.size(); i++) {
            JsonNode m = member.get(i);
            if ("Group".equals(m.path("objectType").asText(null))) {
                v.error(at(path, "member") + "[" + i + "]", "a Group's members are Agents");
            } else {
                agent(m, at(path, "member") + "[" + i + "]");
            }
        }
    }

    private void name(JsonNode a, String path) {
        if (a.has("name") && !a.get("name").isTextual()) {
            v.error(at(path, "name"), "must be a string");
        }
    }

    /** Checks each identifier given and counts them. */
    private int ifis(JsonNode a, String path) {
        int count = 0;
        for (String ifi : IFIS) {
            if (!a.has(ifi)) {
                continue;
            }
            count++;
            JsonNode value = a.get(ifi);
            switch (ifi) {
                case "mbox" -> {
                    if (!value.isTextual() || !MAILTO.matcher(value.asText()).matches()) {
                        v.error(at(path, ifi), "must be a mailto: IRI");
                    }
                }
                case "mbox_sha1sum" -> {
                    if (!value.isTextual() || !SHA1.matcher(value.asText()).matches()) {
                        v.error(at(path, ifi), "must be the hex SHA-1 of a mailto: IRI");
                    }
                }
                case "openid" -> v.iri(value, at(path, ifi));
                default -> {
                    if (v.object(value, at(path, ifi), ACCOUNT)) {
                        v.required(value, at(path, ifi), "homePage", "name");
                        if (value.has("homePage")) {
                            v.iri(value.get("homePage"), at(at(path, ifi), "homePage"));
                        }
                        if (value.has("name") && !value.get("name").isTextual()) {
                            v.error(at(at(path, ifi), "name"), "must be a string");
                        }
                    }
                }
            }
        }
        return count;
    }

    /** The key of an Agent or identified Group (its identifier, as {@link AgentKeys} spells it); null when anonymous. */
    static String ifiKey(JsonNode a) {
        if (a.has("mbox")) {
            return AgentKeys.mbox(a.get("mbox").asText());
        }
        if (a.has("mbox_sha1sum")) {
            return AgentKeys.mboxSha1sum(a.get("mbox_sha1sum").asText());
        }
        if (a.has("openid")) {
            return AgentKeys.openid(a.get("openid").asText());
        }
        if (a.has("account")) {
            return AgentKeys.account(a.get("account").get("homePage").asText(), a.get("account").get("name").asText());
        }
        return null;
    }
}
