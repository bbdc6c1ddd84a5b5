package cn.grid.grid.domain;

import cn.grid.platform.problem.DomainProblem;

/**
 * The 18-character resident identity number (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check
 * character. Validated here, then kept only as an HMAC (to find duplicates) and its last four characters.
 */
public final class IdentityNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** What is kept of an identity number. */
    public record Protected(String hmac, String tail) {
    }

    private IdentityNumber() {
    }

    /** The number in canonical form (upper-case X), or a 400 naming {@code field} when it is not valid. */
    public static String canonical(String raw, String field) {
        String value = raw.strip().toUpperCase();
        if (!value.matches("\\d{17}[\\dX]")) {
            throw DomainProblem.invalid(field, "must be 17 digits and a check digit or X");
        }
        if (checkCharacter(value.substring(0, 17)) != value.charAt(17)) {
            throw DomainProblem.invalid(field, "check digit does not match");
        }
        return value;
    }

    /** The check character (ISO 7064 MOD 11-2) that completes the 17 digits {@code digits}. */
    public static char checkCharacter(String digits) {
        if (!digits.matches("\\d{17}")) {
            throw new IllegalArgumentException("17 digits, not " + digits);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }
}
