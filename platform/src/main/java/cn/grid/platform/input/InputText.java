package cn.grid.platform.input;

/**
 * The one rule for text from outside: no C0 control character except TAB, LF and CR (NUL is refused by
 * PostgreSQL in text and would make a 500; the others are invisible, break CSV and log lines), and no lone UTF-16
 * surrogate (not a character: it cannot be encoded as UTF-8, PostgreSQL would store {@code ?}).
 */
public final class InputText {

    private InputText() {
    }

    /** Whether {@code c} (a code unit below U+0020) is a control character text may not carry. */
    public static boolean forbiddenControl(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    /** What is wrong with {@code text}, or null when it is acceptable. */
    public static String problem(CharSequence text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (forbiddenControl(c)) {
                return controlCharacter(c);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return loneSurrogate(c);
            }
            if (Character.isLowSurrogate(c)) {
                return loneSurrogate(c);
            }
        }
        return null;
    }

    /** Refuses {@code text} for {@code field} with a {@link HostileInputException} unless it is acceptable. */
    public static void check(String field, CharSequence text) {
        String problem = problem(text);
        if (problem != null) {
            throw new HostileInputException(field, problem);
        }
    }

    static String controlCharacter(int c) {
        return String.format("contains the control character U+%04X; only TAB, LF and CR are allowed", c);
    }

    static String loneSurrogate(int c) {
        return String.format("contains a lone UTF-16 surrogate (U+%04X), which is not a character", c);
    }

    static String notUtf8() {
        return "is not valid UTF-8";
    }
}
