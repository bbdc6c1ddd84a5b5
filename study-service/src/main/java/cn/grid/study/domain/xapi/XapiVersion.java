package cn.grid.study.domain.xapi;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The X-Experience-API-Version rule (xAPI 1.0.3 Communication 3.3): every request carries the header; {@code 1.0}
 * counts as 1.0.0 and any {@code 1.0.x} is accepted; anything before 1.0.0 or from 1.1.0 on is refused.
 */
public final class XapiVersion {

    /** What every response says. */
    public static final String CURRENT = "1.0.3";
    /** What {@code GET /xapi/about} lists. */
    public static final List<String> SUPPORTED = List.of("1.0.3", "1.0.2", "1.0.1", "1.0.0");
    /** The version property an LRS writes into a statement sent without one (Data 2.4.10). */
    public static final String STATEMENT_DEFAULT = "1.0.0";

    private static final Pattern ONE_ZERO = Pattern.compile("1\\.0(\\.(0|[1-9][0-9]{0,3}))?");

    private XapiVersion() {
    }

    public static boolean accepted(String header) {
        return header != null && ONE_ZERO.matcher(header.strip()).matches();
    }
}
