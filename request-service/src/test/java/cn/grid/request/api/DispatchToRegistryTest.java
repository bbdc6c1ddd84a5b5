package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EventContract;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.grid.request.api.RequestLifecycleTest.move;
import static cn.grid.request.api.RequestLifecycleTest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * 派单 names a person or a team of the registry by id, checked against the read models: someone with a current role,
 * membership or team place in the ticket's grid or above it, a team that is active there or above. The one it went
 * to (or a member of the team) signs it; tickets dispatched to a login before keep being signed by that login.
 */
@QuarkusTest
class DispatchToRegistryTest {

    static final UUID DISTRICT = UUID.randomUUID();
    static final UUID STREET = UUID.randomUUID();
    static final UUID GRID = UUID.randomUUID();
    static final UUID OTHER_DISTRICT = UUID.randomUUID();
    static final String DISTRICT_PATH = "/" + DISTRICT + "/";
    static final String STREET_PATH = DISTRICT_PATH + STREET + "/";
    static final String GRID_PATH = STREET_PATH + GRID + "/";
    static final String OTHER_PATH = "/" + OTHER_DISTRICT + "/";
    static final String CITIZEN = token("dr-citizen", null, Roles.CITIZEN);
    /** the street's grid worker, by the registry (set up below) */
    static final String WORKER = token("dr-worker", null, Roles.STAFF);

    /** registered (居住地报到) at the district: above the street's tickets */
    static UUID member;
    /** a grid worker of another district */
    static UUID stranger;
    /** registered only in the grid below the street */
    static UUID below;
    /** their registration at the street has ended */
    static UUID former;
    static UUID team;
    static UUID retiredTeam;
    static UUID foreignTeam;
    /** the person of a login a ticket was dispatched to before issue 18 */
    static UUID oldLogin;
    private static boolean known;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void registry() {
        if (known) {
            return;
        }
        KnownGrids.chain(new UUID[] {DISTRICT, STREET, GRID}, new String[] {"兴隆台区", "振兴街道", "一网格"});
        cn.grid.testsupport.TestGridEvents.nodeCreated(OTHER_DISTRICT, null, OTHER_PATH, "DISTRICT", "O", "沾益区");
        KnownGrids.awaitKnown(OTHER_DISTRICT);
        RegistryFixture.person(db, "dr-worker", "郑网格员", STREET, STREET_PATH, "GRID_WORKER");
        member = RegistryFixture.person(db, "dr-member", "张建华", DISTRICT, DISTRICT_PATH, "PARTY_MEMBER");
        stranger = RegistryFixture.person(db, "dr-stranger", "王外区", OTHER_DISTRICT, OTHER_PATH, "GRID_WORKER");
        below = RegistryFixture.person(db, "dr-below", "李下级", GRID, GRID_PATH, "PARTY_MEMBER");
        former = RegistryFixture.assignment(db, UUID.randomUUID(), "dr-former", "赵已离", STREET, STREET_PATH,
                "GRID_WORKER", "2022-12-31");
        // a team place alone gives no role: the team's member is also a party member registered below the street
        UUID teamMember = RegistryFixture.person(db, "dr-team-member", "刘队员", GRID, GRID_PATH, "PARTY_MEMBER");
        team = RegistryFixture.team(db, "红色代办队", STREET, STREET_PATH, "ACTIVE", Map.of(teamMember, "dr-team-member"));
        retiredTeam = RegistryFixture.team(db, "已撤销的队", STREET, STREET_PATH, "RETIRED", Map.of());
        foreignTeam = RegistryFixture.team(db, "外区的队", OTHER_DISTRICT, OTHER_PATH, "ACTIVE", Map.of());
        // a login some ticket was dispatched to before issue 18: a party member of the street by the registry
        oldLogin = RegistryFixture.person(db, "dr-old-login", "老张", STREET, STREET_PATH, "PARTY_MEMBER");
        // only once all of it is known: a set-up cut short (a slow machine) is done again by the next test
        known = true;
    }

    static String accepted() {
        String id = given().header("Authorization", CITIZEN).contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"楼道灯不亮\", \"gridNodeId\": \"" + STREET + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        move(WORKER, id, "accept", null).statusCode(200);
        return id;
    }

    static String toPerson(UUID person) {
        return "{\"targetType\": \"PERSON\", \"targetId\": \"" + person + "\"}";
    }

    @Test
    void aPersonDispatchedByTheRostersIdSeesItByNameAndSignsIt() {
        String id = accepted();
        move(WORKER, id, "dispatch", toPerson(member)).statusCode(200)
                .body("dispatchTargetType", equalTo("PERSON"))
                .body("dispatchTargetId", equalTo(member.toString()))
                .body("dispatchTargetName", equalTo("张建华"));
        // another party member of the same grid is not the one it went to
        move(token("dr-team-member", null, Roles.PARTY_MEMBER), id, "sign", null).statusCode(403);
        move(token("dr-member", null, Roles.PARTY_MEMBER), id, "sign", null).statusCode(200)
                .body("status", equalTo("SIGNED"))
                .body("assignee", equalTo("dr-member"))
                .body("assigneePersonId", equalTo(member.toString()))
                .body("assigneeName", equalTo("张建华"));

        // submitted, accepted, dispatched, signed
        List<ConsumerRecord<String, String>> events = RequestLifecycleTest.events(id, 4);
        EventContract.assertMatchesExample(events.get(2).value(), "request.dispatched.v1");
        assertThat(events.get(2).value()).contains("\"dispatchPersonId\":\"" + member + "\"",
                "\"dispatchTeamId\":null");
        EventContract.assertMatchesExample(events.get(3).value(), "request.signed.v1");
        assertThat(events.get(3).value()).contains("\"assigneePersonId\":\"" + member + "\"");
    }

    @Test
    void aTeamOfTheGridOrAboveTakesItThroughAnyOfItsMembers() {
        String id = accepted();
        move(WORKER, id, "dispatch", "{\"targetType\": \"TEAM\", \"targetId\": \"" + team + "\"}").statusCode(200)
                .body("dispatchTargetId", equalTo(team.toString()))
                .body("dispatchTargetName", equalTo("红色代办队"));
        move(token("dr-member", null, Roles.PARTY_MEMBER), id, "sign", null).statusCode(403);
        move(token("dr-team-member", null, Roles.PARTY_MEMBER), id, "sign", null).statusCode(200)
                .body("assignee", equalTo("dr-team-member"))
                .body("assigneeName", equalTo("刘队员"));
        List<ConsumerRecord<String, String>> events = RequestLifecycleTest.events(id, 3);
        assertThat(events.get(2).value()).contains("\"dispatchTeamId\":\"" + team + "\"",
                "\"dispatchPersonId\":null");
    }

    @Test
    void unknownOrOutOfAreaTargetsAreRefusedNamingTheFieldAndNothingIsSavedOrPublished() {
        String id = accepted();
        long events = RegistryFixture.outboxRows(db, id);
        for (String body : List.of(
                toPerson(UUID.randomUUID()),            // nobody the registry knows
                toPerson(stranger),                     // a grid worker of another district
                toPerson(below),                        // only in a grid below the ticket's
                toPerson(former),                       // their role there has ended
                "{\"targetType\": \"PERSON\", \"targetId\": \"dr-member\"}",   // a login, not a person id
                "{\"targetType\": \"TEAM\", \"targetId\": \"" + retiredTeam + "\"}",
                "{\"targetType\": \"TEAM\", \"targetId\": \"" + foreignTeam + "\"}",
                "{\"targetType\": \"TEAM\", \"targetId\": \"" + UUID.randomUUID() + "\"}")) {
            move(WORKER, id, "dispatch", body).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("targetId"));
        }
        given().header("Authorization", WORKER).get("/api/v1/requests/" + id).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("version", equalTo(1))
                .body("dispatchTargetId", nullValue());
        assertThat(RegistryFixture.outboxRows(db, id)).isEqualTo(events);
    }

    @Test
    void aTicketInTheCommunityQueueGoesToSomeoneTheRegistryKnows() {
        String admin = token("dr-admin", null, Roles.DISTRICT_ADMIN);
        List<String> queued = List.of(queued(), queued());
        for (String id : queued) {
            move(admin, id, "accept", null).statusCode(200);
        }
        move(admin, queued.get(0), "dispatch", toPerson(UUID.randomUUID())).statusCode(400)
                .body("errors[0].field", equalTo("targetId"));
        move(admin, queued.get(0), "dispatch", toPerson(stranger)).statusCode(200)
                .body("dispatchTargetName", equalTo("王外区"));
        move(admin, queued.get(1), "dispatch", "{\"targetType\": \"TEAM\", \"targetId\": \"" + retiredTeam + "\"}")
                .statusCode(400).body("errors[0].field", equalTo("targetId"));
    }

    static String queued() {
        return given().header("Authorization", CITIZEN).contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"无处可去\", \"location\": {\"address\": \"不详\"}}")
                .post("/api/v1/requests").then().statusCode(201).body("gridNodeId", nullValue()).extract().path("id");
    }

    @Test
    void aTicketDispatchedToALoginBeforeIsStillSignedByThatLogin() throws Exception {
        String id = accepted();
        // as dispatch wrote it before issue 18: the login in dispatch_target_id, no person id
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                update service_request set status = 'DISPATCHED', dispatch_target_type = 'PERSON',
                    dispatch_target_id = 'dr-old-login', dispatch_target_name = '老张', version = version + 1
                where id = ?""")) {
            s.setObject(1, UUID.fromString(id));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        given().header("Authorization", WORKER).get("/api/v1/requests/" + id).then().statusCode(200)
                .body("dispatchTargetId", equalTo("dr-old-login")).body("dispatchTargetName", equalTo("老张"));
        move(token("dr-member", null, Roles.PARTY_MEMBER), id, "sign", null).statusCode(403);
        move(token("dr-old-login", null, Roles.PARTY_MEMBER), id, "sign", null).statusCode(200)
                .body("assignee", equalTo("dr-old-login")).body("assigneePersonId", equalTo(oldLogin.toString()));
    }
}
