package cn.grid.request.api;

/** Masks a citizen's contact for lists: enough to tell tickets apart, not enough to reach the person. */
final class ContactMask {

    private ContactMask() {
    }

    /** 李秀英 → 李*; a name of one character stays as it is. */
    static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        int first = name.strip().codePointAt(0);
        return name.strip().codePointCount(0, name.strip().length()) == 1 ? name.strip()
                : new String(Character.toChars(first)) + "*";
    }

    /** 13800001234 → 138****1234; a number of 7 digits or fewer keeps only its last 2. */
    static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() <= 7) {
            return "*".repeat(Math.max(0, digits.length() - 2)) + digits.substring(Math.max(0, digits.length() - 2));
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }
}
