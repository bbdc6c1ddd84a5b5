package cn.grid.gateway.auth;

/**
 * Makes a caller-chosen value safe to print inside one access-log line. A token's subject is signed, but whoever
 * may mint tokens (an OIDC provider's self-registration, the dev-token endpoint) chooses it; a CR or LF in it
 * would otherwise start a forged log line, and a space or tab would forge the fields after it. Each character
 * that is not visible — ISO controls (C0, DEL, C1), whitespace, the Unicode line and paragraph separators — and
 * the backslash itself are written as {@code \\uXXXX}, so the escaped text maps back to exactly one original.
 */
public final class LogSafe {

    private LogSafe() {
    }

    public static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean unsafe = c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)
                    || Character.isSpaceChar(c) || c == '\u2028' || c == '\u2029';
            if (unsafe && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (unsafe) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }
}
