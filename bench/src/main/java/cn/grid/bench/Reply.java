package cn.grid.bench;


import java.net.http.HttpHeaders;
import java.util.Map;

/** An answer of the suite: status, body (text) and headers. */
public record Reply(int status, String body, HttpHeaders headers) {

    /** A top-level text field of the JSON body, or null. */
    public String field(String name) {
        return Json.text(body, name);
    }

    /** No answer at all (connection reset, timeout): {@code status} 0 and the error as the body. */
    public static Reply none(Exception error) {
        return new Reply(0, String.valueOf(error), HttpHeaders.of(Map.of(), (name, value) -> true));
    }

    public Reply expect(int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + status + " " + body);
        }
        return this;
    }
}
