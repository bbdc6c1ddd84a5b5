package cn.grid.seeds.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.net.http.HttpResponse;

/** A gateway's answer: its status, its JSON body (a missing node when it has none) and its headers. */
public record Reply(int status, JsonNode json, HttpResponse<String> raw) {

    public Reply {
        json = json == null ? MissingNode.getInstance() : json;
    }

    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }

    /** A text field of the body, or null. */
    public String text(String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Fails unless the status is the expected one, with the request and the answer in the message. */
    public Reply expect(int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + ": " + raw.request().method() + " " + raw.uri() + " answered "
                    + status + " " + raw.body());
        }
        return this;
    }
}
