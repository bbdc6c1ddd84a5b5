package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.request.app.SlaSweepService;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestRegistry;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static cn.grid.request.api.RequestLifecycleTest.move;
import static cn.grid.request.api.RequestLifecycleTest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The ticket list as a work list (issue 18): each filter, every sort paged across pages, and the 400s naming
 * the parameter. Seven tickets in one community, in every state a home screen shows:
 *
 * <pre>
 *   A water-pipe        G1  SUBMITTED   (its 60-minute answer clock marked overdue by the sweep)
 *   B service-other     G1  ACCEPTED
 *   C problem-report-.. G1  DISPATCHED  to the worker's login
 *   D sanitation        G1  SIGNED      dispatched to the team, signed by its member
 *   E neighbour-dispute G1  IN_PROGRESS dispatched to and signed by the worker
 *   F problem-report-.. G2  SUBMITTED
 *   G elderly-care      G1  WITHDRAWN
 * </pre>
 */
@QuarkusTest
class WorkListFilterTest {

    static final UUID DISTRICT = UUID.randomUUID();
    static final UUID STREET = UUID.randomUUID();
    static final UUID COMMUNITY = UUID.randomUUID();
    static final UUID G1 = UUID.randomUUID();
    static final UUID G2 = UUID.randomUUID();
    static final UUID TEAM = UUID.randomUUID();
    static final UUID WORKER_PERSON = TestRegistry.personOf("wl-worker");
    static final String CITIZEN = token("wl-citizen", null, Roles.CITIZEN);
    static final String DISPATCHER = token("wl-dispatcher", COMMUNITY.toString(), Roles.GRID_WORKER);
    static final String WORKER = token("wl-worker", G1.toString(), Roles.GRID_WORKER);
    static final String TEAM_MEMBER = token("wl-team-member", G1.toString(), Roles.PARTY_MEMBER);
    static final String OUTSIDER = token("wl-outsider", G2.toString(), Roles.GRID_WORKER);
    static final Map<String, String> TICKETS = new HashMap<>();

    @Inject
    SlaSweepService sweep;

    @BeforeEach
    void tickets() {
        if (!TICKETS.isEmpty()) {
            return;
        }
        KnownGrids.chain(new UUID[] {DISTRICT, STREET, COMMUNITY, G1}, new String[] {"桃源县", "漆河镇", "漆河社区", "第一网格"});
        String communityPath = "/" + DISTRICT + "/" + STREET + "/" + COMMUNITY + "/";
        TestGridEvents.nodeCreated(G2, COMMUNITY, communityPath + G2 + "/", "GRID", "G2", "第二网格");
        KnownGrids.awaitKnown(G2);
        TestGridEvents.publish("grid.team.changed.v1", TEAM, Map.of("teamId", TEAM.toString(), "version", 1,
                "gridNodeId", G1.toString(), "gridPath", communityPath + G1 + "/",
                "members", List.of(Map.of("personId", TestRegistry.personOf("wl-team-member").toString(),
                        "personName", "队员", "subject", "wl-team-member", "role", "MEMBER"))));
        // the tokens' roles are not believed: the registry makes these logins what they are
        TestRegistry.assign("wl-dispatcher", COMMUNITY, communityPath, "GRID_WORKER");
        TestRegistry.assign("wl-worker", G1, communityPath + G1 + "/", "GRID_WORKER");
        TestRegistry.assign("wl-team-member", G1, communityPath + G1 + "/", "PARTY_MEMBER");
        TestRegistry.assign("wl-outsider", G2, communityPath + G2 + "/", "GRID_WORKER");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> list(DISPATCHER, "gridNodeId=" + G1 + "&assignee="
                + WORKER_PERSON).statusCode(200));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> list(DISPATCHER, "gridNodeId=" + G1 + "&assignee="
                + TEAM).statusCode(200));

        // submitted one after the other, A first
        TICKETS.put("A", submit("water-pipe", G1, ", \"attributes\": {\"water_cut\": \"yes\"}"));
        TICKETS.put("B", submit("service-other", G1, ""));
        TICKETS.put("C", submit("problem-report-other", G1, ""));
        TICKETS.put("D", submit("sanitation", G1, ""));
        TICKETS.put("E", submit("neighbour-dispute", G1, ""));
        TICKETS.put("F", submit("problem-report-other", G2, ""));
        TICKETS.put("G", submit("elderly-care", G1, ""));
        for (String t : List.of("B", "C", "D", "E")) {
            move(DISPATCHER, TICKETS.get(t), "accept", null).statusCode(200);
        }
        move(DISPATCHER, TICKETS.get("C"), "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"" + WORKER_PERSON + "\"}")
                .statusCode(200);
        move(DISPATCHER, TICKETS.get("D"), "dispatch", "{\"targetType\": \"TEAM\", \"targetId\": \"" + TEAM + "\"}")
                .statusCode(200);
        move(TEAM_MEMBER, TICKETS.get("D"), "sign", null).statusCode(200);
        move(DISPATCHER, TICKETS.get("E"), "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"" + WORKER_PERSON + "\"}")
                .statusCode(200);
        move(WORKER, TICKETS.get("E"), "sign", null).statusCode(200);
        move(WORKER, TICKETS.get("E"), "start", null).statusCode(200);
        move(CITIZEN, TICKETS.get("G"), "withdraw", null).statusCode(200);
        // an hour on, A's 60-minute answer clock has run out; nothing else of ours is due within 61 minutes
        sweep.sweep(OffsetDateTime.now().plusMinutes(61));
    }

    static String submit(String category, UUID grid, String more) {
        return given().header("Authorization", CITIZEN).contentType("application/json")
                .body("{\"category\": \"" + category + "\", \"title\": \"工单 " + category + "\", \"gridNodeId\": \""
                        + grid + "\"" + more + "}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse list(String token, String query) {
        // the query is sent as written: the tests encode what needs it ('+' of an offset)
        return given().urlEncodingEnabled(false).header("Authorization", token).get("/api/v1/requests?" + query).then();
    }

    /** The ticket letters a list answers (all pages, limit 100), in its order. */
    static List<String> letters(String token, String query) {
        List<String> ids = list(token, query + "&limit=100").statusCode(200).extract().jsonPath().getList("items.id");
        return ids.stream().map(WorkListFilterTest::letter).toList();
    }

    static String letter(String id) {
        return TICKETS.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
                .orElse("?" + id);
    }

    static String community() {
        return "gridNodeId=" + COMMUNITY;
    }

    @Test
    void statusTakesRepeatedParametersAndCommaLists() {
        assertThat(letters(DISPATCHER, community() + "&status=SUBMITTED&status=ACCEPTED"))
                .containsExactlyInAnyOrder("A", "B", "F");
        assertThat(letters(DISPATCHER, community() + "&status=SUBMITTED,ACCEPTED"))
                .containsExactlyInAnyOrder("A", "B", "F");
        assertThat(letters(DISPATCHER, community() + "&status=withdrawn")).containsExactly("G");
        assertThat(letters(DISPATCHER, community() + "&status=SUBMITTED,ACCEPTED,DISPATCHED,SIGNED,RETURNED,"
                + "IN_PROGRESS,REOPENED")).containsExactlyInAnyOrder("A", "B", "C", "D", "E", "F");
        // the grid alone: its exact path
        assertThat(letters(DISPATCHER, "gridNodeId=" + G1 + "&status=SUBMITTED")).containsExactly("A");
    }

    @Test
    void typeAndCategoryNarrowTheList() {
        assertThat(letters(DISPATCHER, community() + "&type=DISPUTE")).containsExactly("E");
        assertThat(letters(DISPATCHER, community() + "&type=PROBLEM_REPORT"))
                .containsExactlyInAnyOrder("A", "C", "D", "F");
        assertThat(letters(DISPATCHER, community() + "&category=water-pipe")).containsExactly("A");
        assertThat(letters(DISPATCHER, community() + "&type=SERVICE&category=service-other")).containsExactly("B");
        assertThat(letters(DISPATCHER, community() + "&type=SERVICE&category=water-pipe")).isEmpty();
    }

    @Test
    void assigneeIsATeamAPersonOrMe() {
        // the team's ticket stays the team's once a member signed it
        assertThat(letters(DISPATCHER, community() + "&assignee=" + TEAM)).containsExactly("D");
        // the person by id: dispatched to them (C) and taken by their login (E)
        assertThat(letters(DISPATCHER, community() + "&assignee=" + WORKER_PERSON)).containsExactlyInAnyOrder("C", "E");
        assertThat(letters(WORKER, "gridNodeId=" + G1 + "&assignee=me")).containsExactlyInAnyOrder("C", "E");
        assertThat(letters(WORKER, "gridNodeId=" + G1 + "&assignee=me&status=DISPATCHED")).containsExactly("C");
        assertThat(letters(TEAM_MEMBER, "gridNodeId=" + G1 + "&assignee=me")).containsExactly("D");
        assertThat(letters(DISPATCHER, community() + "&assignee=me")).isEmpty();
    }

    @Test
    void overdueFollowsTheSweepsMarks() {
        assertThat(letters(DISPATCHER, community() + "&overdue=true")).containsExactly("A");
        assertThat(letters(DISPATCHER, community() + "&overdue=FALSE"))
                .containsExactlyInAnyOrder("B", "C", "D", "E", "F", "G");
    }

    @Test
    void fromAndToBoundTheSubmissionTime() {
        String c = submittedAt("C").toString();
        assertThat(letters(DISPATCHER, community() + "&from=" + encode(c)))
                .containsExactlyInAnyOrder("C", "D", "E", "F", "G");
        assertThat(letters(DISPATCHER, community() + "&to=" + encode(c))).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(letters(DISPATCHER, community() + "&from=" + encode(c) + "&to=" + encode(c))).containsExactly("C");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(letters(DISPATCHER, community() + "&from=" + today.minusDays(1) + "&to=" + today.plusDays(1)))
                .hasSize(7);
        assertThat(letters(DISPATCHER, community() + "&to=" + today.minusDays(1))).isEmpty();
        assertThat(letters(DISPATCHER, community() + "&from=" + today.plusDays(1))).isEmpty();
    }

    @Test
    void everySortPagesThroughTheListInItsOrder() {
        for (String sort : List.of("-submittedAt", "submittedAt", "dueAt", "-dueAt", "updatedAt", "-updatedAt")) {
            List<Map<String, Object>> all = list(DISPATCHER, community() + "&sort=" + encode(sort) + "&limit=100")
                    .statusCode(200).extract().jsonPath().getList("items");
            assertThat(all).as(sort).hasSize(7);
            Function<Map<String, Object>, OffsetDateTime> key = switch (sort.replace("-", "")) {
                case "submittedAt" -> t -> OffsetDateTime.parse((String) t.get("submittedAt"));
                case "updatedAt" -> t -> OffsetDateTime.parse((String) t.get("updatedAt"));
                default -> WorkListFilterTest::runningDeadline;
            };
            Comparator<Map<String, Object>> order = Comparator.comparing(key)
                    .thenComparing(t -> UUID.fromString((String) t.get("id")));
            if (sort.startsWith("-")) {
                order = order.reversed();
            }
            assertThat(all).as(sort).isSortedAccordingTo(order);

            List<String> paged = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonPath page = list(DISPATCHER, community() + "&sort=" + encode(sort) + "&limit=2"
                        + (cursor == null ? "" : "&cursor=" + cursor)).statusCode(200).extract().jsonPath();
                paged.addAll(page.getList("items.id"));
                cursor = page.getString("nextCursor");
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(pages).as(sort).isEqualTo(4);
            assertThat(paged).as(sort).containsExactlyElementsOf(all.stream().map(t -> (String) t.get("id")).toList());
        }
        // no sort is newest first, as the list always was
        assertThat(letters(DISPATCHER, community())).containsExactly("G", "F", "E", "D", "C", "B", "A");
        assertThat(letters(DISPATCHER, community() + "&sort=dueAt&status=SUBMITTED")).first().isEqualTo("A");
    }

    /** The deadline of the clock running now, as the ticket shows its clocks (V8's due_at). */
    @SuppressWarnings("unchecked")
    static OffsetDateTime runningDeadline(Map<String, Object> ticket) {
        Map<String, Object> sla = (Map<String, Object>) ticket.get("sla");
        OffsetDateTime resolve = OffsetDateTime.parse((String) sla.get("resolveDueAt"));
        return switch ((String) ticket.get("status")) {
            case "SUBMITTED" -> OffsetDateTime.parse((String) sla.get("respondDueAt"));
            case "DISPATCHED" -> {
                OffsetDateTime sign = OffsetDateTime.parse((String) sla.get("signDueAt"));
                yield sign.isBefore(resolve) ? sign : resolve;
            }
            default -> resolve;
        };
    }

    @Test
    void filtersNarrowWhatTheCallerMaySeeNeverWidenIt() {
        list(OUTSIDER, "gridNodeId=" + G1 + "&status=SUBMITTED").statusCode(403);
        // without gridNodeId: a citizen's own tickets; staff's reach from the registry (each grant's subtree)
        assertThat(letters(CITIZEN, "status=SUBMITTED")).containsExactlyInAnyOrder("A", "F");
        assertThat(letters(WORKER, "status=SUBMITTED")).containsExactly("A");
        assertThat(letters(OUTSIDER, "status=SUBMITTED")).containsExactly("F");
        assertThat(letters(DISPATCHER, "status=SUBMITTED,ACCEPTED")).containsExactlyInAnyOrder("A", "B", "F");
        // a worker's home screen without naming the grid: what was dispatched to or taken by them
        assertThat(letters(WORKER, "assignee=me&sort=dueAt")).containsExactlyInAnyOrder("C", "E");
    }

    @Test
    void unknownValuesAre400sNamingTheParameter() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("status", "status=SUBMITTED,DONE");
        bad.put("type", "type=COMPLAINT");
        bad.put("category", "category=no-such-category");
        bad.put("assignee", "assignee=someone");
        bad.put("overdue", "overdue=maybe");
        bad.put("from", "from=yesterday");
        bad.put("to", "to=2026-13-01");
        bad.put("sort", "sort=title");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            list(DISPATCHER, community() + "&" + e.getValue()).statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(e.getKey()));
        }
        list(DISPATCHER, community() + "&assignee=" + UUID.randomUUID()).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("assignee"));
        list(DISPATCHER, community() + "&from=2026-12-02&to=2026-12-01").statusCode(400)
                .body("errors[0].field", equalTo("from"));
        list(DISPATCHER, community() + "&from=2026-12-01T10:00:00%2B08:00&to=2026-12-01T09:59:59%2B08:00")
                .statusCode(400).body("errors[0].field", equalTo("from"));
        // a local time without an offset is ambiguous
        list(DISPATCHER, community() + "&from=2026-12-01T10:00:00").statusCode(400)
                .body("errors[0].field", equalTo("from"));
        // a cursor continues only the order it was issued for
        String newestCursor = list(DISPATCHER, community() + "&limit=1").extract().path("nextCursor");
        list(DISPATCHER, community() + "&limit=1&sort=dueAt&cursor=" + newestCursor).statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("sort=dueAt"));
    }

    static OffsetDateTime submittedAt(String letter) {
        return OffsetDateTime.parse(given().header("Authorization", DISPATCHER).get("/api/v1/requests/"
                + TICKETS.get(letter)).then().statusCode(200).extract().path("submittedAt"));
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
