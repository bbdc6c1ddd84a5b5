package cn.grid.study.app.xapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

import static cn.grid.study.app.xapi.Violations.at;

/** The verb (Data 2.4.3): an IRI {@code id} and an optional language map {@code display}. */
final class VerbRules {

    private static final Set<String> VERB = Set.of("id", "display");

    private final Violations v;

    VerbRules(Violations v) {
        this.v = v;
    }

    void verb(JsonNode verb, String path) {
        if (!v.object(verb, path, VERB)) {
            return;
        }
        v.required(verb, path, "id");
        if (verb.has("id")) {
            v.iri(verb.get("id"), at(path, "id"));
        }
        if (verb.has("display")) {
            v.languageMap(verb.get("display"), at(path, "display"));
        }
    }
}
