package cn.grid.request.api;

import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static cn.grid.request.api.IdempotentSubmitTest.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * A retry is recognised by the content of its body, not by how the client's JSON library wrote it; and keys stored
 * with the fingerprint of before (the command's toString()) are still replayed after the upgrade.
 */
@QuarkusTest
class IdempotencyFingerprintTest {

    @Inject
    IdempotencyKeys keys;

    @Inject
    EntityManager entityManager;

    private static final String BODY = """
            {"category": "vaccination-booking", "title": "给母亲约流感疫苗",
             "location": {"address": "清河社区卫生服务站"},
             "attributes": {"vaccine": "influenza", "people": 2}}""";

    @Test
    void theSameBodyWithReorderedKeysAndAnotherNumberSpellingIsReplayed() {
        String key = UUID.randomUUID().toString();
        String first = submit("citizen-f1", key, BODY).then().statusCode(201).extract().path("id");
        String reordered = """
                {"attributes":{"people":2.0,"vaccine":"influenza"},"location":{"address":"清河社区卫生服务站"},
                "title":"给母亲约流感疫苗","category":"vaccination-booking"}""";
        submit("citizen-f1", key, reordered).then().statusCode(201)
                .header("Idempotency-Replayed", "true").body("id", equalTo(first));
        // a really different body is still refused
        submit("citizen-f1", key, BODY.replace("\"people\": 2", "\"people\": 3")).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/idempotency-key-reused"));
    }

    /** A command as the use cases pass them: a record with an open map. */
    record Probe(String title, Map<String, Object> attributes) {
    }

    @Test
    void aKeyStoredWithTheOldFingerprintIsStillReplayedAndStillGuards() {
        Caller caller = new Caller("citizen-f2", Set.of("citizen"), null);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("vaccine", "influenza");
        attributes.put("people", 2);
        Probe command = new Probe("约疫苗", attributes);
        UUID created = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        // the row as the version before the canonical fingerprint left it: SHA-256 of toString(), no "v2:"
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "insert into idempotency_key (scope, key, fingerprint, resource_id) values (?1, ?2, ?3, ?4)")
                .setParameter(1, "POST /probe citizen-f2").setParameter(2, key)
                .setParameter(3, sha256(command.toString())).setParameter(4, created.toString()).executeUpdate());

        IdempotencyKeys.Outcome<UUID> replay = QuarkusTransaction.requiringNew().call(() -> keys.once("POST /probe",
                caller, key, new Probe("约疫苗", new LinkedHashMap<>(attributes)), UUID::randomUUID, id -> id,
                Optional::of));
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.value()).isEqualTo(created);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> keys.once("POST /probe", caller, key,
                new Probe("约别的疫苗", attributes), UUID::randomUUID, id -> id, Optional::of)))
                .hasMessageContaining("already used with a different request");
    }

    private static String sha256(String value) throws RuntimeException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
