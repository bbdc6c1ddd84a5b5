package cn.grid.study.app.xapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.grid.study.app.xapi.Violations.at;

/**
 * Activities as objects and context activities (Data 2.4.4.1): an IRI {@code id} and an optional definition —
 * language maps, IRIs, and for interactions (Data 2.4.4.1.1) an {@code interactionType}, a correct responses
 * pattern and the interaction components that type has.
 */
final class ActivityRules {

    private static final Set<String> ACTIVITY = Set.of("objectType", "id", "definition");
    private static final Set<String> DEFINITION = Set.of("name", "description", "type", "moreInfo", "interactionType",
            "correctResponsesPattern", "choices", "scale", "source", "target", "steps", "extensions");
    private static final Set<String> INTERACTION_TYPES = Set.of("true-false", "choice", "fill-in", "long-fill-in",
            "matching", "performance", "sequencing", "likert", "numeric", "other");
    private static final List<String> COMPONENT_LISTS = List.of("choices", "scale", "source", "target", "steps");
    /** Which component lists each interaction type has (Data 2.4.4.1.1, "Interaction Components"); others none. */
    private static final Map<String, Set<String>> COMPONENTS_OF = Map.of(
            "choice", Set.of("choices"),
            "sequencing", Set.of("choices"),
            "likert", Set.of("scale"),
            "matching", Set.of("source", "target"),
            "performance", Set.of("steps"));
    private static final Set<String> COMPONENT = Set.of("id", "description");

    private final Violations v;

    ActivityRules(Violations v) {
        this.v = v;
    }

    void activity(JsonNode a, String path) {
        if (!v.object(a, path, ACTIVITY)) {
            return;
        }
        v.required(a, path, "id");
        if (a.has("id")) {
            v.iri(a.get("id"), at(path, "id"));
        }
        if (a.has("definition")) {
            definition(a.get("definition"), at(path, "definition"));
        }
    }

    private void definition(JsonNode d, String dp) {
        if (!v.object(d, dp, DEFINITION)) {
            return;
        }
        for (String map : List.of("name", "description")) {
            if (d.has(map)) {
                v.languageMap(d.get(map), at(dp, map));
            }
        }
        if (d.has("type")) {
            v.iri(d.get("type"), at(dp, "type"));
        }
        if (d.has("moreInfo")) {
            v.iri(d.get("moreInfo"), at(dp, "moreInfo"));
        }
        interaction(d, dp);
        if (d.has("extensions")) {
            v.extensions(d.get("extensions"), at(dp, "extensions"));
        }
    }

    private void interaction(JsonNode d, String dp) {
        String type = d.path("interactionType").asText("");
        if (d.has("interactionType") && !INTERACTION_TYPES.contains(type)) {
            v.error(at(dp, "interactionType"), "must be one of " + INTERACTION_TYPES);
        }
        if (!d.has("interactionType")) {
            for (String property : List.of("correctResponsesPattern", "choices", "scale", "source", "target", "steps")) {
                if (d.has(property)) {
                    v.error(at(dp, "interactionType"), "is required with " + property + " (Data 2.4.4.1.1)");
                    break;
                }
            }
        }
        if (d.has("correctResponsesPattern")) {
            JsonNode c = d.get("correctResponsesPattern");
            if (!c.isArray()) {
                v.error(at(dp, "correctResponsesPattern"), "must be an array of strings");
            } else {
                for (int i = 0; i < c.size(); i++) {
                    if (!c.get(i).isTextual()) {
                        v.error(at(dp, "correctResponsesPattern") + "[" + i + "]", "must be a string");
                    }
                }
            }
        }
        for (String list : COMPONENT_LISTS) {
            if (!d.has(list)) {
                continue;
            }
            if (INTERACTION_TYPES.contains(type) && !COMPONENTS_OF.getOrDefault(type, Set.of()).contains(list)) {
                v.error(at(dp, list), "is not a component list of a " + type + " interaction (Data 2.4.4.1.1: "
                        + "choices for choice and sequencing, scale for likert, source and target for matching, "
                        + "steps for performance)");
            }
            components(d.get(list), at(dp, list));
        }
    }

    private void components(JsonNode components, String path) {
        if (!components.isArray()) {
            v.error(path, "must be an array of interaction components");
            return;
        }
        for (int i = 0; i < components.size(); i++) {
            String cp = path + "[" + i + "]";
            JsonNode component = components.get(i);
            if (v.object(component, cp, COMPONENT)) {
                v.required(component, cp, "id");
                if (component.has("id") && !component.get("id").isTextual()) {
                    v.error(at(cp, "id"), "must be a string");
                }
                if (component.has("description")) {
                    v.languageMap(component.get("description"), at(cp, "description"));
                }
            }
        }
    }
}
