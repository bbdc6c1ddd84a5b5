package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.JwtTestResource;
import cn.grid.testsupport.TestJwt;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Production shape: the gateway verifies tokens against an identity provider's JWKS document fetched over HTTP
 * (here a real HTTP server on a random port holding two keys, as during a key rotation), choosing the key by
 * the token's {@code kid}. A token signed by a key the document does not hold is a 401.
 */
@QuarkusTest
@TestProfile(JwksTest.FromJwksUrl.class)
class JwksTest {

    static final KeyPair CURRENT = TestJwt.keys();
    static final KeyPair NEXT = rsa();
    static final KeyPair STRANGER = rsa();

    public static class FromJwksUrl implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeUpstreams.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new JwtTestResource().start());
            config.put("mp.jwt.verify.publickey.location", JwksServer.start());
            return config;
        }
    }

    /** The identity provider's JWKS endpoint: counts how often it is read, to show the keys are cached. */
    static final class JwksServer {
        static final AtomicInteger READS = new AtomicInteger();
        private static HttpServer server;

        static synchronized String start() {
            if (server == null) {
                byte[] jwks = ("{\"keys\": [" + jwk("current", CURRENT) + ", " + jwk("next", NEXT) + "]}")
                        .getBytes(StandardCharsets.UTF_8);
                try {
                    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                server.createContext("/.well-known/jwks.json", exchange -> {
                    READS.incrementAndGet();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                    exchange.close();
                });
                server.start();
            }
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
        }

        private static String jwk(String kid, KeyPair keys) {
            RSAPublicKey key = (RSAPublicKey) keys.getPublic();
            return "{\"kty\": \"RSA\", \"use\": \"sig\", \"alg\": \"RS256\", \"kid\": \"" + kid + "\", \"n\": \""
                    + base64Url(key.getModulus()) + "\", \"e\": \"" + base64Url(key.getPublicExponent()) + "\"}";
        }

        private static String base64Url(BigInteger value) {
            byte[] bytes = value.toByteArray();
            int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
            byte[] unsigned = java.util.Arrays.copyOfRange(bytes, skip, bytes.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
        }
    }

    static String signed(String kid, KeyPair keys) {
        return TestJwt.claims("admin-1", null, Roles.DISTRICT_ADMIN).jws().keyId(kid).sign(keys.getPrivate());
    }

    @Test
    void tokensSignedByEitherPublishedKeyPass() {
        for (String token : List.of(signed("current", CURRENT), signed("next", NEXT))) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/grids/g-1")
                    .then().statusCode(200).body("service", equalTo("grid"));
        }
        // the document is read once and cached, not once per request
        assertThat(JwksServer.READS.get()).isBetween(1, 2);
    }

    @Test
    void aKeyTheDocumentDoesNotHoldIsA401() {
        for (String token : List.of(signed("stranger", STRANGER), signed("current", STRANGER),
                signed("next", CURRENT))) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/grids/g-1")
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
