package cn.grid.bench.faults;

import cn.grid.bench.Json;

import java.net.http.HttpHeaders;

/** An answer of the suite: status, body (text) and headers. */
public record Reply(int status, String body, HttpHeaders headers) {

    /** A top-level text field of the JSON body, or null. */
    public String field(String name) {
        return Json.text(body, name);
    }

    public Reply expect(int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + status + " " + body);
        }
        return this;
    }
}
