package cn.grid.study.app.xapi;

import cn.grid.study.domain.xapi.StatementFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static cn.grid.study.app.xapi.ActorRules.ifiKey;

/** What the store and the queries need of a valid statement: its id, verb, agents, activity, target, time. */
final class StatementFactsReader {

    private StatementFactsReader() {
    }

    static StatementFacts facts(ObjectNode s) {
        JsonNode object = s.get("object");
        String objectType = object.path("objectType").asText("Activity");
        List<String> agentKeys = new ArrayList<>();
        addKeys(s.get("actor"), agentKeys);
        if ("Agent".equals(objectType) || "Group".equals(objectType)) {
            addKeys(object, agentKeys);
        }
        String verb = s.get("verb").get("id").asText();
        UUID ref = "StatementRef".equals(objectType) ? UUID.fromString(object.get("id").asText()) : null;
        JsonNode registration = s.path("context").path("registration");
        return new StatementFacts(s.has("id") ? UUID.fromString(s.get("id").asText()) : null, verb,
                ifiKeyOrMembers(s.get("actor")), agentKeys,
                "Activity".equals(objectType) ? object.get("id").asText() : null, ref,
                registration.isTextual() ? UUID.fromString(registration.asText()) : null,
                s.has("timestamp") ? Violations.parseTimestamp(s.get("timestamp").asText()) : null,
                StatementFacts.VOIDED.equals(verb) ? ref : null);
    }

    private static void addKeys(JsonNode agentOrGroup, List<String> keys) {
        String key = ifiKey(agentOrGroup);
        if (key != null && !keys.contains(key)) {
            keys.add(key);
        }
        for (JsonNode member : agentOrGroup.path("member")) {
            String memberKey = ifiKey(member);
            if (memberKey != null && !keys.contains(memberKey)) {
                keys.add(memberKey);
            }
        }
    }

    /** The actor's key; an anonymous Group has none, so its members' keys stand for it. */
    private static String ifiKeyOrMembers(JsonNode actor) {
        String key = ifiKey(actor);
        if (key != null) {
            return key;
        }
        List<String> members = new ArrayList<>();
        for (JsonNode member : actor.path("member")) {
            members.add(ifiKey(member));
        }
        members.sort(null);
        return "group:" + String.join(",", members);
    }
}
