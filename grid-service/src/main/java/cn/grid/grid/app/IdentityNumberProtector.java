package cn.grid.grid.app;

import cn.grid.grid.config.PeopleConfig;
import cn.grid.grid.domain.IdentityNumber;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keeps an identity number only as a keyed HMAC-SHA256 (finds the same person twice without storing the
 * number) and its last four characters. The key comes from {@code grid.people.id-hmac-key}
 * ({@code GRID_PEOPLE_ID_HMAC_KEY}); rotating it means re-registering, so treat it like a database key.
 */
@ApplicationScoped
public class IdentityNumberProtector {

    static final String LOCAL_KEY = "local-development-only";
    private static final Logger LOG = Logger.getLogger(IdentityNumberProtector.class);

    private final SecretKeySpec key;

    public IdentityNumberProtector(PeopleConfig config) {
        String key = config.idHmacKey();
        if (LOCAL_KEY.equals(key)) {
            LOG.warn("grid.people.id-hmac-key is the local development default; set GRID_PEOPLE_ID_HMAC_KEY in production");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public IdentityNumber.Protected protect(String raw, String field) {
        String canonical = IdentityNumber.canonical(raw, field);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String hmac = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
            return new IdentityNumber.Protected(hmac, canonical.substring(14));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
