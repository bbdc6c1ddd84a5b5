package cn.grid.system;

import cn.grid.testsupport.TestJwt;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The suite with a real identity provider: Keycloak started from its distribution with the launcher's realm
 * ({@code deploy/local/keycloak/grid-realm.json}), the four services and the gateway verifying its tokens against
 * its JWKS and issuer, no dev tokens. Tokens come from Keycloak's token endpoint (the password grant on a test-only
 * client, the app's authorization code flow with PKCE, the integrator's client credentials) and carry only identity
 * and a coarse realm role: what a worker or a member may do to a ticket is decided from the registry, where the
 * test (as district admin) registers the realm's demo users as persons (their {@code subject} = the token's
 * {@code sub}) and gives them their roles.
 */
class KeycloakIT {

    static final Set<String> COARSE_ROLES = Set.of("citizen", "staff", "service", "district-admin", "default-roles-grid");
    static final String ADMIN = "seed-admin";
    static final String WORKER = "seed-pj-gw-1";
    static final String MEMBER = "seed-ch-pm-1";
    static final String CITIZEN = "seed-citizen-430121-ch-service-1";

    static KeycloakServer keycloak;
    static RunningSuite suite;

    @BeforeAll
    static void start() throws Exception {
        // Keycloak's first start (store, realm import) and the suite's overlap: the services fetch the JWKS only
        // when the first token comes
        keycloak = KeycloakServer.start();
        try {
            suite = RunningSuite.start(new RunningSuite.Idp(keycloak.jwksUrl(), keycloak.issuer()));
            keycloak.awaitReady(Duration.ofSeconds(Long.getLong("keycloak.start-timeout", 600)));
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static ValidatableResponse get(String token, String path) {
        return given().baseUri(suite.gateway()).header("Authorization", bearer(token)).get(path).then();
    }

    static String node(String admin, String name, String level, String parent) {
        return GridNodes.create(suite.gateway(), bearer(admin), name, level, parent);
    }

    /** Registers a person linked to a login ({@code subject}) at a node and gives them a role there. */
    static String personWithRole(String admin, String subject, String name, String node, String role) {
        String person = given().baseUri(suite.gateway()).header("Authorization", bearer(admin))
                .contentType(ContentType.JSON).body("""
                        {"name": "%s", "address": "大为小区", "homeNodeId": "%s", "subject": "%s"}"""
                        .formatted(name, node, subject))
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
        given().baseUri(suite.gateway()).header("Authorization", bearer(admin)).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "%s", "startDate": "%s"}""".formatted(person, role,
                        LocalDate.now(ZoneId.of("Asia/Shanghai"))))
                .post("/api/v1/grids/" + node + "/assignments").then().statusCode(201);
        return person;
    }

    static ValidatableResponse move(String token, String id, String action, String body) {
        String etag = given().baseUri(suite.gateway()).header("Authorization", bearer(token))
                .get("/api/v1/requests/" + id).then().statusCode(200).extract().header("ETag");
        var request = given().baseUri(suite.gateway()).header("Authorization", bearer(token)).header("If-Match", etag);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/api/v1/requests/" + id + "/" + action).then();
    }

    @Test
    void theLaunchersKeycloakIsTheOneTested() throws Exception {
        String pom = Files.readString(Path.of(System.getProperty("grid.repo.root", ".."))
                .resolve("deploy/local/keycloak/pom.xml"));
        assertThat(pom).as("deploy/local/keycloak/pom.xml and system-tests' keycloak.version")
                .contains("<keycloak.version>" + System.getProperty("keycloak.version") + "</keycloak.version>");
    }

    @Test
    void theRealmsTokensCarryTheSeedSubjectAndCoarseRolesOnly() {
        for (String user : List.of(ADMIN, WORKER, MEMBER, CITIZEN)) {
            JsonNode claims = KeycloakServer.claims(keycloak.passwordToken(user));
            // the login is linked to the seed dataset's person by this: Keycloak's user id, chosen in the realm
            assertThat(claims.get("sub").asText()).isEqualTo(user);
            assertThat(claims.get("iss").asText()).isEqualTo(keycloak.issuer());
            assertThat(audiences(claims)).contains("grid-suite");
            assertThat(claims.has("grid_scope")).isFalse();
            List<String> groups = new ArrayList<>();
            claims.get("groups").forEach(g -> groups.add(g.asText()));
            assertThat(groups).isNotEmpty().allMatch(COARSE_ROLES::contains);
        }
        assertThat(KeycloakServer.claims(keycloak.passwordToken(ADMIN)).get("groups").toString())
                .contains("district-admin");
        assertThat(KeycloakServer.claims(keycloak.passwordToken(WORKER)).get("groups").toString()).contains("staff");

        // the gateway and, behind it, each service verify the token themselves
        String admin = keycloak.passwordToken(ADMIN);
        String district = node(admin, "沾益区", "DISTRICT", null);
        get(admin, "/api/v1/grids/" + district).statusCode(200).body("name", equalTo("沾益区"));
        given().baseUri("http://127.0.0.1:" + suite.port("grid-service")).header("Authorization", bearer(admin))
                .get("/api/v1/grids/" + district).then().statusCode(200);
    }

    @Test
    void theMobileAppSignsInWithPkceAndNotWithoutIt() throws Exception {
        HttpResponse<String> signedIn = keycloak.appSignIn(CITIZEN, true);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String token = KeycloakServer.json(signedIn.body()).get("access_token").asText();
        JsonNode claims = KeycloakServer.claims(token);
        assertThat(claims.get("sub").asText()).isEqualTo(CITIZEN);
        assertThat(claims.get("azp").asText()).isEqualTo("grid-app");
        get(token, "/api/v1/requests").statusCode(200);

        HttpResponse<String> noPkce = keycloak.appSignIn(CITIZEN, false);
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(noPkce.headers().firstValue("Location").orElse("")).contains("error=invalid_request")
                .contains("code_challenge");
    }

    @Test
    void theIntegratorsClientCredentialsMakeAServiceCaller() {
        String admin = keycloak.passwordToken(ADMIN);
        String district = node(admin, "南沙区", "DISTRICT", null);
        String integrator = keycloak.integratorToken();
        JsonNode claims = KeycloakServer.claims(integrator);
        assertThat(claims.get("groups").toString()).isEqualTo("[\"service\"]");
        assertThat(claims.get("azp").asText()).isEqualTo("grid-integrator");
        get(integrator, "/api/v1/grids/" + district).statusCode(200);
    }

    @Test
    void tokensOfAnotherIssuerOrKeyAreRefusedAndDevTokensAreOff() {
        String admin = keycloak.passwordToken(ADMIN);
        String district = node(admin, "兴隆台区", "DISTRICT", null);
        String path = "/api/v1/grids/" + district;
        String gridService = "http://127.0.0.1:" + suite.port("grid-service");

        // the same Keycloak's master realm: another issuer, other keys
        String otherIssuer = keycloak.masterRealmToken();
        // the realm's issuer and claims, signed with a key that is not the realm's
        String forged = TestJwt.claims(ADMIN, null, "district-admin").issuer(keycloak.issuer())
                .sign(TestJwt.keys().getPrivate());
        // a real token of the realm with its payload changed (another subject): the signature no longer fits
        String[] parts = admin.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"" + ADMIN + "\"", "\"sub\":\"someone-else\"");
        assertThat(payload).contains("someone-else");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        for (String refused : List.of(otherIssuer, forged, tampered)) {
            get(refused, path).statusCode(401).contentType("application/problem+json");
            given().baseUri(gridService).header("Authorization", bearer(refused)).get(path).then().statusCode(401);
        }
        get(admin, path).statusCode(200);

        given().baseUri(suite.gateway()).contentType(ContentType.JSON)
                .body("{\"subject\": \"x\", \"roles\": [\"district-admin\"], \"gridScope\": null}")
                .post("/auth/dev-token").then().statusCode(404);
    }

    @Test
    void aTicketsLifeWithKeycloakTokensAndRightsFromTheRegistry() {
        String admin = keycloak.passwordToken(ADMIN);
        String district = node(admin, "长沙县", "DISTRICT", null);
        String street = node(admin, "春华镇", "STREET", district);
        String community = node(admin, "龙王庙村", "COMMUNITY", street);
        String grid = node(admin, "龙王庙村第一网格", "GRID", community);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                get(admin, "/api/v1/requests/grid-nodes/" + grid).statusCode(200));

        // the registry says who they are: the worker works this grid, the member is registered here (居住地报到)
        personWithRole(admin, WORKER, "姜建军", grid, "GRID_WORKER");
        String memberPerson = personWithRole(admin, MEMBER, "任海燕", grid, "PARTY_MEMBER");

        String citizen = keycloak.passwordToken(CITIZEN);
        String worker = keycloak.passwordToken(WORKER);
        String member = keycloak.passwordToken(MEMBER);

        String ticket = given().baseUri(suite.gateway()).header("Authorization", bearer(citizen))
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{\"category\": \"water-pipe\", \"title\": \"龙王庙村水管爆裂\", \"gridNodeId\": \"" + grid
                        + "\", \"attributes\": {\"water_cut\": \"yes\"}, \"contact\": {\"phone\": \"13800001234\"}}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");

        // the worker's token says only "staff": the right to accept comes from the assignment, once request-service
        // has it from grid.events
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                move(worker, ticket, "accept", null).statusCode(200).body("status", equalTo("ACCEPTED")));
        // dispatched to the member by the registry's person id (checked: registered at the ticket's grid); the
        // registration reaches request-service over grid.events, until then the dispatch is a 400 that changes nothing
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> move(worker, ticket, "dispatch",
                "{\"targetType\": \"PERSON\", \"targetId\": \"" + memberPerson + "\"}")
                .statusCode(200).body("status", equalTo("DISPATCHED")).body("dispatchTargetName", equalTo("任海燕")));
        move(citizen, ticket, "sign", null).statusCode(403);
        move(member, ticket, "sign", null).statusCode(200).body("status", equalTo("SIGNED"));
        move(member, ticket, "start", null).statusCode(200);
        move(member, ticket, "resolve", "{\"outcome\": \"FIXED\", \"notes\": \"已更换水管\"}").statusCode(200)
                .body("status", equalTo("RESOLVED"));
        move(citizen, ticket, "rate", "{\"rating\": 5, \"comment\": \"很及时\"}").statusCode(200)
                .body("status", equalTo("CLOSED"));
        get(citizen, "/api/v1/requests/" + ticket + "/timeline").statusCode(200)
                .body("items.action", equalTo(List.of("ACCEPT", "DISPATCH", "SIGN", "START", "RESOLVE", "RATE")));
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        List<String> out = new ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(a -> out.add(a.asText()));
        } else {
            out.add(aud.asText());
        }
        return out;
    }
}
