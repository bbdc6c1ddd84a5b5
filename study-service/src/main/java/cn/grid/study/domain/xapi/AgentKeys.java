package cn.grid.study.domain.xapi;

import java.util.Locale;

/**
 * One text key per inverse functional identifier, so that an Agent or Group is found by whichever of the four it
 * carries: {@code mbox:mailto:a@b}, {@code mbox_sha1sum:<hex>}, {@code openid:<uri>} and
 * {@code account:<homePage> <name>} (a homePage is an IRL and holds no space, so the key is unambiguous).
 */
public final class AgentKeys {

    private AgentKeys() {
    }

    public static String mbox(String mbox) {
        return "mbox:" + mbox;
    }

    public static String mboxSha1sum(String sha1) {
        return "mbox_sha1sum:" + sha1.toLowerCase(Locale.ROOT);
    }

    public static String openid(String openid) {
        return "openid:" + openid;
    }

    public static String account(String homePage, String name) {
        return "account:" + homePage + " " + name;
    }
}
