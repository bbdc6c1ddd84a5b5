package cn.grid.platform.input;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding that refuses instead of guessing: {@code %XX} escapes whose bytes are not UTF-8 (an encoded
 * surrogate {@code %ED%A0%80}, an overlong {@code %C0%AF}, a stray {@code %FF}) are refused where a lenient
 * decoder would put U+FFFD or {@code ?} in their place, and so is any control character but TAB, LF and CR.
 * Used for query and path parameters and form fields, whose raw form the request still has.
 */
public final class StrictPercentDecoding {

    private StrictPercentDecoding() {
    }

    /**
     * Checks one raw (still encoded) value for {@code field}; {@code plusIsSpace} for query strings and forms.
     * A malformed escape ({@code %zz}) is left to the framework, which answers it on its own.
     */
    public static void check(String field, String raw, boolean plusIsSpace) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        if (raw.indexOf('%') < 0) {
            // nothing encoded: the characters are what the request line carried
            InputText.check(field, plusIsSpace ? raw.replace('+', ' ') : raw);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()
                    && Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new HostileInputException(field, InputText.notUtf8());
        }
        InputText.check(field, text);
    }
}
