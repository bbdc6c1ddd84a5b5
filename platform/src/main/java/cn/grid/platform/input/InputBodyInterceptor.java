package cn.grid.platform.input;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Every request body, whatever reads it (a record through Jackson, a {@code String} the xAPI face parses itself,
 * an Open311 form): a JSON body streams through {@link CheckedJsonInput}, a form body's fields through
 * {@link StrictPercentDecoding}. One place for all three services, before any value reaches a use case.
 */
@Provider
public class InputBodyInterceptor implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        InputStream in = context.getInputStream();
        if (type != null && in != null) {
            if (isJson(type)) {
                context.setInputStream(new CheckedJsonInput(in));
            } else if (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
                byte[] form = in.readAllBytes(); // bounded by quarkus.http.limits.max-body-size
                checkForm(strictUtf8(form));
                context.setInputStream(new ByteArrayInputStream(form));
            }
        }
        return context.proceed();
    }

    static boolean isJson(MediaType type) {
        return "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }

    /** A form is meant to be ASCII with {@code %XX} escapes; raw UTF-8 (as {@code curl -d} sends it) is taken too. */
    private static String strictUtf8(byte[] form) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(form)).toString();
        } catch (CharacterCodingException e) {
            throw new HostileInputException("body", InputText.notUtf8());
        }
    }

    private static void checkForm(String raw) {
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            StrictPercentDecoding.check("form field name", name, true);
            if (eq >= 0) {
                String shown = URLDecoder.decode(name.replaceAll("%(?![0-9A-Fa-f]{2})", "%25"),
                        StandardCharsets.UTF_8).replaceAll("[^\\p{Alnum}_.\\-\\[\\]]", "?");
                StrictPercentDecoding.check(shown, pair.substring(eq + 1), true);
            }
        }
    }
}
