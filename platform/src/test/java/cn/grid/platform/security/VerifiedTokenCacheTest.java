package cn.grid.platform.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    static final long SKEW = 30;
    static final long EXPIRES = Instant.parse("2026-11-26T03:00:00Z").getEpochSecond();

    /** A parser that accepts "good-*" tokens (expiring at EXPIRES) while now is before EXPIRES + SKEW. */
    final List<String> parsed = new ArrayList<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    final JWTParser parser = (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {JWTParser.class}, (proxy, method, args) -> {
                String token = (String) args[0];
                parsed.add(token);
                if (!token.startsWith("good-") || clock.instant().getEpochSecond() > EXPIRES + SKEW) {
                    throw new ParseException("refused " + token);
                }
                return jwt(token.substring(5));
            });
    final VerifiedTokenCache tokens = new VerifiedTokenCache(parser::parse, SKEW, 100, Duration.ofMinutes(5), clock);

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgain() throws Exception {
        assertThat(tokens.verify("good-alice").getSubject()).isEqualTo("alice");
        assertThat(tokens.verify("good-alice").getSubject()).isEqualTo("alice");
        assertThat(tokens.verify("good-bob").getSubject()).isEqualTo("bob");
        assertThat(parsed).containsExactly("good-alice", "good-bob");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        assertThatThrownBy(() -> tokens.verify("forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.verify("forged")).isInstanceOf(ParseException.class);
        assertThat(parsed).containsExactly("forged", "forged");
    }

    @Test
    void aRememberedTokenPastItsExpiryAndSkewIsVerifiedAgainAndRefused() throws Exception {
        // a time to live longer than the token's life, so the expiry check is what refuses it
        VerifiedTokenCache tokens = new VerifiedTokenCache(parser::parse, SKEW, 100, Duration.ofHours(2), clock);
        tokens.verify("good-alice");
        clock.set(Instant.ofEpochSecond(EXPIRES + SKEW));
        assertThat(tokens.verify("good-alice").getSubject()).isEqualTo("alice");
        clock.set(Instant.ofEpochSecond(EXPIRES + SKEW + 1));
        assertThatThrownBy(() -> tokens.verify("good-alice")).isInstanceOf(ParseException.class);
        assertThat(parsed).containsExactly("good-alice", "good-alice");
    }

    @Test
    void entriesLeaveAfterTheirTimeToLive() throws Exception {
        tokens.verify("good-alice");
        clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        tokens.verify("good-alice");
        assertThat(parsed).containsExactly("good-alice", "good-alice");
    }

    @Test
    void aTokenWithoutExpiryIsVerifiedEveryTime() throws Exception {
        JWTParser noExpiry = (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {JWTParser.class}, (proxy, method, args) -> {
                    parsed.add((String) args[0]);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JsonWebToken.class},
                            (p, m, a) -> m.getName().equals("getExpirationTime") ? 0L : "carol");
                });
        VerifiedTokenCache tokens = new VerifiedTokenCache(noExpiry::parse, SKEW, 100, Duration.ofMinutes(5), clock);
        tokens.verify("good-carol");
        tokens.verify("good-carol");
        assertThat(parsed).containsExactly("good-carol", "good-carol");
    }

    static JsonWebToken jwt(String subject) {
        return (JsonWebToken) Proxy.newProxyInstance(VerifiedTokenCacheTest.class.getClassLoader(),
                new Class<?>[] {JsonWebToken.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSubject", "getName" -> subject;
                    case "getExpirationTime" -> EXPIRES;
                    default -> null;
                });
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
