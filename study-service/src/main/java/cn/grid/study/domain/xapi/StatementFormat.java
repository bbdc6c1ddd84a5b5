package cn.grid.study.domain.xapi;

import java.util.Locale;

/** The {@code format} of GET statements (Communication 2.1.3). */
public enum StatementFormat {
    /** Agents, Activities, Verbs and Groups exactly as received. */
    EXACT,
    /** Only what identifies Agents, Activities, Verbs and Groups. */
    IDS,
    /** As exact, with one language per language map of Activities and Verbs (chosen by Accept-Language). */
    CANONICAL;

    /** The parameter value ({@code exact}, {@code ids}, {@code canonical}), or null when it is none of them. */
    public static StatementFormat parse(String value) {
        for (StatementFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(value)) {
                return f;
            }
        }
        return null;
    }

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
