package cn.grid.study.app.xapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static cn.grid.study.app.xapi.Violations.at;

/**
 * Attachments (Data 2.4.11): each with an IRI {@code usageType}, a language map {@code display}, an Internet media
 * type {@code contentType}, an integer {@code length}, the hex SHA-2 ({@code sha2}: SHA-224, -256, -384 or -512) of
 * its data, and — here — a {@code fileUrl}: this LRS takes no attachment data.
 */
final class AttachmentRules {

    private static final Set<String> ATTACHMENT = Set.of("usageType", "display", "description", "contentType",
            "length", "sha2", "fileUrl");
    /** RFC 6838 type "/" subtype (RFC 7230 tokens), then any parameters. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;.*)?");
    /** The hex digest of SHA-224, SHA-256, SHA-384 or SHA-512. */
    private static final Pattern SHA2 = Pattern.compile(
            "[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}");

    private final Violations v;

    AttachmentRules(Violations v) {
        this.v = v;
    }

    void attachments(JsonNode list, String path) {
        if (!list.isArray()) {
            v.error(path, "must be an array");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            attachment(list.get(i), path + "[" + i + "]");
        }
    }

    private void attachment(JsonNode a, String ap) {
        if (!v.object(a, ap, ATTACHMENT)) {
            return;
        }
        v.required(a, ap, "usageType", "display", "contentType", "length", "sha2");
        if (a.has("usageType")) {
            v.iri(a.get("usageType"), at(ap, "usageType"));
        }
        if (a.has("display")) {
            v.languageMap(a.get("display"), at(ap, "display"));
        }
        if (a.has("description")) {
            v.languageMap(a.get("description"), at(ap, "description"));
        }
        for (String text : List.of("contentType", "sha2")) {
            if (a.has(text) && !a.get(text).isTextual()) {
                v.error(at(ap, text), "must be a string");
            }
        }
        if (a.has("contentType") && a.get("contentType").isTextual()
                && !MEDIA_TYPE.matcher(a.get("contentType").asText()).matches()) {
            v.error(at(ap, "contentType"), "must be an Internet media type (type/subtype)");
        }
        if (a.has("sha2") && a.get("sha2").isTextual() && !SHA2.matcher(a.get("sha2").asText()).matches()) {
            v.error(at(ap, "sha2"), "must be the hex SHA-2 (SHA-224, SHA-256, SHA-384 or SHA-512) of the attachment's"
                    + " data");
        }
        if (a.has("length") && !a.get("length").canConvertToLong()) {
            v.error(at(ap, "length"), "must be an integer");
        }
        if (a.has("fileUrl")) {
            v.iri(a.get("fileUrl"), at(ap, "fileUrl"));
        } else {
            v.error(at(ap, "fileUrl"), "is required here: this LRS does not take attachment data (multipart/mixed),"
                    + " only attachments that point to their data");
        }
    }
}
