package cn.grid.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Makes the application under test verify tokens signed with {@link TestJwt}'s key. */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", TestJwt.publicKeyFile().toUri().toString(),
                "grid.jwt.private-key-location", TestJwt.privateKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", TestJwt.ISSUER,
                "mp.jwt.verify.audiences", TestJwt.AUDIENCE);
    }

    @Override
    public void stop() {
        // the key pair lives for the whole JVM
    }
}
