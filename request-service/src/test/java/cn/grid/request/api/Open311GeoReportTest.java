package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestGridEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.grid.request.api.Open311ApiKeysTest.ADMIN;
import static cn.grid.request.api.Open311ApiKeysTest.issueKey;
import static cn.grid.request.api.RequestLifecycleTest.move;
import static cn.grid.request.api.RequestLifecycleTest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The Open311 GeoReport v2 face: discovery, services and their definitions from the catalogue, filing with an
 * api key or a citizen's token, reading back with the spec's filters and our privacy rules, the status
 * mapping, and errors as the spec's arrays. Responses are checked against the official schemas where they
 * are beside the checkout (see {@link Open311Schemas}).
 */
@QuarkusTest
class Open311GeoReportTest {

    static final UUID DISTRICT = UUID.randomUUID();
    static final UUID GRID = UUID.randomUUID();
    static final UUID OTHER_GRID = UUID.randomUUID();
    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    static final String BASE = "/open311/v2";
    private static boolean treeKnown;

    @BeforeEach
    void tree() {
        if (treeKnown) {
            return;
        }
        treeKnown = true;
        String d = "/" + DISTRICT + "/";
        TestGridEvents.nodeCreated(DISTRICT, null, d, "DISTRICT", "D", "麒麟区");
        TestGridEvents.nodeCreated(GRID, DISTRICT, d + GRID + "/", "GRID", "G1", "南宁网格");
        TestGridEvents.nodeCreated(OTHER_GRID, DISTRICT, d + OTHER_GRID + "/", "GRID", "G2", "潇湘网格");
        KnownGrids.awaitKnown(DISTRICT, GRID, OTHER_GRID);
        // the staff logins of these tests are what the registry makes them
        TestRegistry.assign("o311-staff-" + GRID, GRID, d + GRID + "/", "GRID_WORKER");
    }

    static RequestSpecification form(Map<String, ?> fields) {
        return given().contentType(FORM).formParams(fields);
    }

    /** Files a ticket with the api key and returns its id. */
    static String file(String key, String serviceCode, String description) {
        String body = form(Map.of("api_key", key, "service_code", serviceCode, "address_string", "麒麟区南宁街道 1 号",
                "description", description)).post(BASE + "/requests.json").then().statusCode(201).extract().asString();
        return JsonPath.from(body).getString("[0].service_request_id");
    }

    static ValidatableResponse read(String key, String id) {
        return given().queryParam("api_key", key).get(BASE + "/requests/" + id + ".json").then();
    }

    static String firstElement(String array) {
        try {
            return new ObjectMapper().readTree(array).get(0).toString();
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + array, e);
        }
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static void assertOpen311Error(ValidatableResponse response, int status, String description) {
        response.statusCode(status).contentType(ContentType.JSON).body("size()", equalTo(1))
                .body("[0].code", equalTo(status)).body("[0].description", containsString(description));
    }

    // ---- discovery and services -------------------------------------------------------------------------------

    @Test
    void discoveryPointsAtThisServerOrAtTheOneInFront() {
        given().get(BASE + "/discovery.json").then().statusCode(200).contentType(ContentType.JSON)
                .body("changeset", equalTo("2026-11-25T00:00:00Z")).body("contact", not(empty()))
                .body("key_service", containsString("/api/v1/open311/keys"))
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].url", startsWith("http://localhost:"))
                .body("endpoints[0].url", endsWith("/open311/v2"))
                .body("endpoints[0].formats", equalTo(List.of("application/json")));
        given().header("X-Forwarded-Host", "grid.example.cn").header("X-Forwarded-Proto", "https")
                .get(BASE + "/discovery.json").then().statusCode(200)
                .body("endpoints[0].url", equalTo("https://grid.example.cn/open311/v2"));
        given().header("X-Forwarded-Host", "127.0.0.1:8080, 10.0.0.1").header("X-Forwarded-Proto", "http")
                .get(BASE + "/discovery.json").then()
                .body("endpoints[0].url", equalTo("http://127.0.0.1:8080/open311/v2"));
        // a forged host that is not a host name is ignored
        given().header("X-Forwarded-Host", "evil.example/<script>").get(BASE + "/discovery.json").then()
                .body("endpoints[0].url", startsWith("http://localhost:"));
    }

    @Test
    void servicesAreTheActiveCatalogue() {
        String retired = "retired-" + suffix();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"name": "停用分类", "type": "PROBLEM_REPORT", "handlingLevel": "GRID", "active": false,
                 "sla": {"respondWithinMinutes": 30, "signWithinMinutes": 60, "resolveWithinMinutes": 720}}""")
                .put("/api/v1/request-categories/" + retired).then().statusCode(201);

        String body = given().get(BASE + "/services.json").then().statusCode(200).contentType(ContentType.JSON)
                .body("service_code", hasItem("water-pipe"))
                .body("service_code", not(hasItem(retired)))
                .body("find { it.service_code == 'water-pipe' }.service_name", equalTo("供水管道破裂"))
                .body("find { it.service_code == 'water-pipe' }.metadata", equalTo(true))
                .body("find { it.service_code == 'water-pipe' }.type", equalTo("realtime"))
                .body("find { it.service_code == 'water-pipe' }.group", equalTo("市政设施"))
                .body("find { it.service_code == 'water-pipe' }.keywords", equalTo("problem-report,市政设施"))
                .body("find { it.service_code == 'sewage-ditch' }.metadata", equalTo(false))
                .extract().asString();
        Open311Schemas.assertValid("services.json", body);

        given().queryParam("jurisdiction_id", "zhanyi.test").get(BASE + "/services.json").then().statusCode(200);
        assertOpen311Error(given().queryParam("jurisdiction_id", "elsewhere").get(BASE + "/services.json").then(),
                400, "jurisdiction_id");
        assertOpen311Error(given().get(BASE + "/services/" + retired + ".json").then(), 404, retired);
    }

    @Test
    void aServiceDefinitionListsItsExtraFields() {
        String body = given().get(BASE + "/services/vaccination-booking.json").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("service_code", equalTo("vaccination-booking"))
                .body("attributes.code", equalTo(List.of("vaccine", "preferred_time", "people")))
                .body("attributes.datatype", equalTo(List.of("singlevaluelist", "datetime", "number")))
                .body("attributes.required", equalTo(List.of(true, false, false)))
                .body("attributes.order", equalTo(List.of(1, 2, 3)))
                .body("attributes.variable", equalTo(List.of(true, true, true)))
                .body("attributes[0].description", equalTo("疫苗"))
                .body("attributes[0].values.key", hasItem("influenza"))
                .body("attributes[0].values.find { it.key == 'influenza' }.name", equalTo("流感疫苗"))
                .body("attributes[1].datatype_description", containsString("ISO-8601"))
                .extract().asString();
        Open311Schemas.assertValid("service-definition.json", body);
        Open311Schemas.assertValid("service-definition.json",
                given().get(BASE + "/services/sewage-ditch.json").then().statusCode(200)
                        .body("attributes", empty()).extract().asString());
        assertOpen311Error(given().get(BASE + "/services/no-such-service.json").then(), 404, "no-such-service");
    }

    // ---- filing -----------------------------------------------------------------------------------------------

    @Test
    void anIntegratorFilesWithItsKeyAndReadsItBackWithoutTheContact() {
        String name = "acme-" + suffix();
        String key = issueKey(name);
        String description = "楼道里的水管破裂，水漫到了一楼，已经影响到三户人家的正常生活，请尽快派人来维修处理，谢谢！另外地下室也开始积水，电梯井里也有水，物业电话一直打不通。";
        String created = form(Map.ofEntries(Map.entry("api_key", key), Map.entry("service_code", "water-pipe"),
                Map.entry("lat", "25.6665"), Map.entry("long", "103.8229"),
                Map.entry("address_string", "大为小区 3 栋"), Map.entry("address_id", "ZY-0001"),
                Map.entry("description", description), Map.entry("first_name", "秀英"), Map.entry("last_name", "李"),
                Map.entry("phone", "13800001234"), Map.entry("email", "li@example.cn"),
                Map.entry("device_id", "dev-1"), Map.entry("account_id", "acc-1"),
                Map.entry("media_url", "https://img.example/pipe.jpg"),
                Map.entry("attribute[water_cut]", "yes"), Map.entry("attribute[building]", " 3 栋 ")))
                .post(BASE + "/requests.json").then().statusCode(201).contentType(ContentType.JSON)
                .body("size()", equalTo(1))
                .body("[0].service_notice", equalTo("受理时限 1 小时，办结时限 1 天"))
                .body("[0].account_id", nullValue())
                .extract().asString();
        // No schema of the folder describes this answer (swagger.json's RequestResponse types account_id as a
        // string, yet the spec's own example leaves it empty), so its shape is checked here
        Map<String, Object> entry = JsonPath.from(created).getMap("[0]");
        assertThat(entry).containsOnlyKeys("service_request_id", "service_notice", "account_id");
        String id = (String) entry.get("service_request_id");

        String one = read(key, id).statusCode(200).contentType(ContentType.JSON).body("size()", equalTo(1))
                .body("[0].service_request_id", equalTo(id)).body("[0].status", equalTo("open"))
                .body("[0].status_notes", equalTo("SUBMITTED: 待受理"))
                .body("[0].service_code", equalTo("water-pipe")).body("[0].service_name", equalTo("供水管道破裂"))
                .body("[0].description", equalTo(description))
                .body("[0].address", equalTo("大为小区 3 栋"))
                .body("[0].lat", equalTo(25.6665f)).body("[0].long", equalTo(103.8229f))
                .body("[0].media_url", equalTo("https://img.example/pipe.jpg"))
                .body("[0].service_notice", equalTo("受理时限 1 小时，办结时限 1 天"))
                .extract().asString();
        // expected: the resolution deadline, one day (water-pipe) after it was requested
        assertThat(OffsetDateTime.parse(JsonPath.from(one).getString("[0].expected_datetime")))
                .isEqualTo(OffsetDateTime.parse(JsonPath.from(one).getString("[0].requested_datetime")).plusDays(1));
        assertThat(one).doesNotContain("13800001234").doesNotContain("秀英").doesNotContain("li@example.cn")
                .doesNotContain("open311:");
        assertThat(OffsetDateTime.parse(JsonPath.from(one).getString("[0].requested_datetime")))
                .isCloseTo(OffsetDateTime.now(ZoneOffset.UTC), org.assertj.core.api.Assertions.within(
                        5, java.time.temporal.ChronoUnit.MINUTES));
        Open311Schemas.assertValid("requests.json", one);
        Open311Schemas.assertValid("request.json", firstElement(one));

        // the same ticket in the JSON API: an ordinary ticket, reported by open311:<key name>
        given().header("Authorization", ADMIN).get("/api/v1/requests/" + id).then().statusCode(200)
                .body("reporterId", equalTo("open311:" + name)).body("channel", equalTo("APP"))
                .body("category", equalTo("water-pipe"))
                .body("title", equalTo(description.substring(0, 60)))
                .body("contact.name", equalTo("李秀英")).body("contact.phone", equalTo("13800001234"))
                .body("attributes.water_cut", equalTo("yes")).body("attributes.building", equalTo("3 栋"))
                .body("photos", equalTo(List.of("https://img.example/pipe.jpg")));

        // without a description the title is the service's name
        String bare = JsonPath.from(form(Map.of("api_key", key, "service_code", "sanitation", "lat", "25.6",
                "long", "103.8")).post(BASE + "/requests.json").then().statusCode(201).extract().asString())
                .getString("[0].service_request_id");
        given().header("Authorization", ADMIN).get("/api/v1/requests/" + bare).then().body("title", equalTo("环境卫生"));
        read(key, bare).body("[0].description", equalTo("环境卫生")).body("[0].address", nullValue());
    }

    @Test
    void extraFieldsAreCheckedByTheCatalogueIncludingMultiValueLists() {
        String key = issueKey("fields-" + suffix());
        String code = "lift-" + suffix();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"name": "电梯故障", "type": "PROBLEM_REPORT", "handlingLevel": "GRID",
                 "sla": {"respondWithinMinutes": 30, "signWithinMinutes": 60, "resolveWithinMinutes": 720},
                 "fields": [{"code": "faults", "name": "故障", "datatype": "MULTI_VALUE_LIST", "required": true,
                             "values": [{"key": "stuck", "name": "困人"}, {"key": "noise", "name": "异响"},
                                        {"key": "door", "name": "门故障"}], "order": 1},
                            {"code": "floors", "name": "楼层数", "datatype": "NUMBER", "required": false, "order": 2}]}""")
                .put("/api/v1/request-categories/" + code).then().statusCode(201);
        String definition = given().get(BASE + "/services/" + code + ".json").then().statusCode(200)
                .body("attributes[0].datatype", equalTo("multivaluelist"))
                .body("attributes[0].values.key", equalTo(List.of("stuck", "noise", "door")))
                .body("attributes[1].datatype", equalTo("number"))
                .extract().asString();
        Open311Schemas.assertValid("service-definition.json", definition);

        String id = JsonPath.from(given().contentType(FORM).formParam("api_key", key).formParam("service_code", code)
                .formParam("address_string", "5 栋").formParam("attribute[faults][]", "stuck", "door")
                .formParam("attribute[floors]", "18")
                .post(BASE + "/requests.json").then().statusCode(201).extract().asString())
                .getString("[0].service_request_id");
        given().header("Authorization", ADMIN).get("/api/v1/requests/" + id).then().statusCode(200)
                .body("attributes.faults", equalTo(List.of("stuck", "door"))).body("attributes.floors", equalTo("18"))
                .body("title", equalTo("电梯故障"));

        var base = Map.of("api_key", key, "service_code", code, "address_string", "5 栋");
        assertOpen311Error(form(base).post(BASE + "/requests.json").then(), 400, "attributes.faults: required");
        assertOpen311Error(form(base).formParam("attribute[faults][]", "smoke").post(BASE + "/requests.json").then(),
                400, "'smoke' is not one of [stuck, noise, door]");
        assertOpen311Error(form(base).formParam("attribute[faults][]", "stuck").formParam("attribute[floors]", "many")
                .post(BASE + "/requests.json").then(), 400, "attributes.floors: must be a number");
        assertOpen311Error(form(base).formParam("attribute[faults][]", "stuck").formParam("attribute[colour]", "red")
                .post(BASE + "/requests.json").then(), 400, "attributes.colour");
        assertOpen311Error(form(base).formParam("attribute[faults", "stuck").post(BASE + "/requests.json").then(),
                400, "attribute[code]=value");
        // the water-pipe's required list field, as the spec's clients send it
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "water-pipe", "lat", "25.6", "long", "103.8"))
                .post(BASE + "/requests.json").then(), 400, "attributes.water_cut");
    }

    @Test
    void badInputIsA400ErrorArray() {
        String key = issueKey("input-" + suffix());
        String url = BASE + "/requests.json";
        assertOpen311Error(form(Map.of("api_key", key, "address_string", "x")).post(url).then(), 400,
                "service_code: required");
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "no-such", "address_string", "x")).post(url)
                .then(), 400, "service_code: no service no-such");
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "sanitation")).post(url).then(), 400,
                "location");
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "sanitation", "lat", "25.6")).post(url).then(),
                400, "lat and long come together");
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "sanitation", "lat", "north", "long", "1"))
                .post(url).then(), 400, "lat: must be a number");
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "sanitation", "lat", "95", "long", "1"))
                .post(url).then(), 400, "lat: must be between -90 and 90");
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "sanitation", "address_string", "x",
                "description", "长".repeat(4001))).post(url).then(), 400, "description: at most 4000 characters");
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "sanitation", "address_string", "x",
                "phone", "call me")).post(url).then(), 400, "phone");
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "sanitation", "address_string", "x",
                "media_url", "javascript:alert(1)")).post(url).then(), 400, "media_url");
        assertOpen311Error(form(Map.of("api_key", key, "service_code", "sanitation", "address_string", "x",
                "jurisdiction_id", "elsewhere")).post(url).then(), 400, "jurisdiction_id");
        // a JSON body is not what GeoReport v2 posts
        assertOpen311Error(given().queryParam("api_key", key).contentType(ContentType.JSON)
                .body("{\"service_code\": \"sanitation\"}").post(url).then(), 415, "");
    }

    @Test
    void withoutCredentialsNothingIsAnswered() {
        String url = BASE + "/requests.json";
        assertOpen311Error(form(Map.of("service_code", "sanitation", "address_string", "x")).post(url).then(), 403,
                "api_key");
        assertOpen311Error(form(Map.of("api_key", "not-a-key", "service_code", "sanitation", "address_string", "x"))
                .post(url).then(), 403, "the api_key is unknown or revoked");
        assertOpen311Error(given().get(url).then(), 403, "api_key");
        assertOpen311Error(given().queryParam("api_key", "x".repeat(500)).get(url).then(), 403, "unknown or revoked");
        assertOpen311Error(given().get(BASE + "/requests/" + UUID.randomUUID() + ".json").then(), 403, "api_key");
        // a token that is sent must be valid, even beside a good key
        String key = issueKey("tokens-" + suffix());
        assertOpen311Error(given().header("Authorization", "Bearer not.a.jwt").queryParam("api_key", key).get(url)
                .then(), 401, "");
        // staff file for citizens through the JSON API, not here
        assertOpen311Error(form(Map.of("service_code", "sanitation", "address_string", "x"))
                .header("Authorization", token("o311-staff-" + GRID, null, Roles.STAFF)).post(url).then(),
                403, "/api/v1/requests");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstTicket() {
        String key = issueKey("retry-" + suffix());
        Map<String, String> fields = Map.of("api_key", key, "service_code", "street-light", "lat", "25.61",
                "long", "103.81", "description", "路灯不亮");
        String idempotencyKey = UUID.randomUUID().toString();
        String first = form(fields).header("Idempotency-Key", idempotencyKey).post(BASE + "/requests.json").then()
                .statusCode(201).header("Idempotency-Replayed", nullValue()).extract().path("[0].service_request_id");
        String second = form(fields).header("Idempotency-Key", idempotencyKey).post(BASE + "/requests.json").then()
                .statusCode(201).header("Idempotency-Replayed", equalTo("true")).extract().path("[0].service_request_id");
        assertThat(second).isEqualTo(first);
        given().queryParam("api_key", key).get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", equalTo(List.of(first)));
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    @Test
    void anIntegratorReadsOnlyWhatItsKeyFiled() {
        String keyA = issueKey("a-" + suffix());
        String keyB = issueKey("b-" + suffix());
        String ofA = file(keyA, "sanitation", "垃圾堆放");
        String ofB = file(keyB, "sanitation", "卫生死角");

        assertOpen311Error(read(keyB, ofA), 403, "not filed with this api_key");
        read(keyA, ofA).statusCode(200);
        given().queryParam("api_key", keyB).get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", equalTo(List.of(ofB)));
        // asking by id does not get round it
        given().queryParam("api_key", keyB).queryParam("service_request_id", ofA + "," + ofB)
                .get(BASE + "/requests.json").then().statusCode(200).body("service_request_id", equalTo(List.of(ofB)));
        assertOpen311Error(read(keyA, UUID.randomUUID().toString()), 404, "does not exist");
        assertOpen311Error(read(keyA, "not-a-uuid"), 404, "not-a-uuid");
    }

    @Test
    void aCitizenFilesWithTheirTokenAndReadsOnlyTheirOwn() {
        String citizen = token("o311-citizen-" + suffix(), null, Roles.CITIZEN);
        String neighbour = token("o311-neighbour-" + suffix(), null, Roles.CITIZEN);
        String own = form(Map.of("service_code", "neighbour-dispute", "address_string", "大为小区 5 栋",
                "description", "楼上噪音")).header("Authorization", citizen).post(BASE + "/requests.json").then()
                .statusCode(201).extract().path("[0].service_request_id");
        String key = issueKey("c-" + suffix());
        String filedByKey = file(key, "sanitation", "垃圾");

        String list = given().header("Authorization", citizen).get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", equalTo(List.of(own))).extract().asString();
        Open311Schemas.assertValid("requests.json", list);
        given().header("Authorization", citizen).get(BASE + "/requests/" + own + ".json").then().statusCode(200)
                .body("[0].status", equalTo("open"));
        assertOpen311Error(given().header("Authorization", neighbour).get(BASE + "/requests/" + own + ".json").then(),
                403, "own");
        assertOpen311Error(given().header("Authorization", citizen).get(BASE + "/requests/" + filedByKey + ".json")
                .then(), 403, "own");
        given().header("Authorization", neighbour).get(BASE + "/requests.json").then().statusCode(200)
                .body("$", empty());
        given().header("Authorization", ADMIN).get("/api/v1/requests/" + own).then()
                .body("reporterId", startsWith("o311-citizen-"));
    }

    @Test
    void staffReadTheTicketsOfTheirGrid() {
        String citizen = token("o311-resident-" + suffix(), null, Roles.CITIZEN);
        String inGrid = given().header("Authorization", citizen).contentType(ContentType.JSON)
                .body("{\"category\": \"sanitation\", \"title\": \"楼道堆物\", \"gridNodeId\": \"" + GRID + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        String workerLogin = "o311-gw-" + suffix();
        String otherLogin = "o311-gw2-" + suffix();
        TestRegistry.assign(workerLogin, GRID, "/" + DISTRICT + "/" + GRID + "/", "GRID_WORKER");
        TestRegistry.assign(otherLogin, OTHER_GRID, "/" + DISTRICT + "/" + OTHER_GRID + "/", "GRID_WORKER");
        String worker = token(workerLogin, null, Roles.STAFF);
        String otherWorker = token(otherLogin, null, Roles.STAFF);

        String list = given().header("Authorization", worker).get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(inGrid))
                .body("find { it.service_request_id == '" + inGrid + "' }.agency_responsible", equalTo("南宁网格"))
                .extract().asString();
        Open311Schemas.assertValid("requests.json", list);
        given().header("Authorization", otherWorker).get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", not(hasItem(inGrid)));
        given().header("Authorization", worker).get(BASE + "/requests/" + inGrid + ".json").then().statusCode(200);
        assertOpen311Error(given().header("Authorization", otherWorker).get(BASE + "/requests/" + inGrid + ".json")
                .then(), 403, "registry grants reach");
        // the district's administrator sees it too
        given().header("Authorization", token("o311-da", DISTRICT.toString(), Roles.DISTRICT_ADMIN))
                .queryParam("service_request_id", inGrid).get(BASE + "/requests.json").then()
                .body("service_request_id", equalTo(List.of(inGrid)));
    }

    @Test
    void theStatusIsOpenOrClosedAndTheNotesTellOurs() {
        String key = issueKey("status-" + suffix());
        String resolved = file(key, "sewage-ditch", "沟渠堵塞");
        String rejected = file(key, "sewage-ditch", "重复的沟渠堵塞");
        String accepted = file(key, "sewage-ditch", "又一条沟渠");

        move(ADMIN, rejected, "reject", "{\"reason\": \"重复提交\"}").statusCode(200);
        move(ADMIN, accepted, "accept", null).statusCode(200);
        String subject = "o311-plumber-" + suffix();
        TestRegistry.assign(subject, GRID, "/" + DISTRICT + "/" + GRID + "/", "GRID_WORKER");
        String plumber = token(subject, null, Roles.STAFF);
        move(ADMIN, resolved, "accept", null).statusCode(200);
        move(ADMIN, resolved, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \""
                + TestRegistry.personOf(subject) + "\"}").statusCode(200);
        read(key, resolved).body("[0].status", equalTo("open")).body("[0].status_notes", equalTo("DISPATCHED: 已派单"))
                .body("[0].agency_responsible", equalTo("测试 " + subject));
        move(plumber, resolved, "sign", null).statusCode(200);
        move(plumber, resolved, "start", null).statusCode(200);
        read(key, resolved).body("[0].status_notes", equalTo("IN_PROGRESS: 办理中"));
        move(plumber, resolved, "resolve", "{\"outcome\": \"FIXED\", \"notes\": \"已疏通\"}").statusCode(200);

        read(key, resolved).body("[0].status", equalTo("closed"))
                .body("[0].status_notes", equalTo("RESOLVED: 已办结，待评价; outcome FIXED: 已疏通"));
        read(key, rejected).body("[0].status", equalTo("closed")).body("[0].status_notes", equalTo("REJECTED: 不予受理"));
        read(key, accepted).body("[0].status", equalTo("open")).body("[0].status_notes", equalTo("ACCEPTED: 已受理"));

        String closedList = given().queryParam("api_key", key).queryParam("status", "closed")
                .get(BASE + "/requests.json").then().statusCode(200).body("service_request_id", hasSize(2))
                .body("service_request_id", hasItem(resolved)).body("service_request_id", hasItem(rejected))
                .extract().asString();
        Open311Schemas.assertValid("requests.json", closedList);
        given().queryParam("api_key", key).queryParam("status", "open").get(BASE + "/requests.json").then()
                .body("service_request_id", equalTo(List.of(accepted)));
        given().queryParam("api_key", key).queryParam("status", "open,closed").get(BASE + "/requests.json").then()
                .body("service_request_id", hasSize(3));
        assertOpen311Error(given().queryParam("api_key", key).queryParam("status", "pending")
                .get(BASE + "/requests.json").then(), 400, "neither open nor closed");
    }

    @Test
    void theListTakesTheSpecsFilters() {
        String key = issueKey("filters-" + suffix());
        String older = file(key, "sanitation", "第一件");
        String pipe = file(key, "street-light", "第二件");
        String newest = file(key, "sanitation", "第三件");
        String url = BASE + "/requests.json";

        // newest first
        given().queryParam("api_key", key).get(url).then().statusCode(200)
                .body("service_request_id", equalTo(List.of(newest, pipe, older)));
        given().queryParam("api_key", key).queryParam("service_code", "street-light").get(url).then()
                .body("service_request_id", equalTo(List.of(pipe)));
        given().queryParam("api_key", key).queryParam("limit", "1").get(url).then()
                .body("service_request_id", equalTo(List.of(newest)));
        given().queryParam("api_key", key).queryParam("service_request_id", older + ", " + newest)
                .queryParam("service_code", "street-light").get(url).then()
                .body("service_request_id", equalTo(List.of(newest, older)));

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        given().queryParam("api_key", key).queryParam("start_date", now.minusHours(1).toString())
                .queryParam("end_date", now.plusHours(1).toString()).get(url).then()
                .body("service_request_id", hasSize(3));
        given().queryParam("api_key", key).queryParam("start_date", now.plusDays(1).toString()).get(url).then()
                .statusCode(200).body("$", empty());
        given().queryParam("api_key", key).queryParam("end_date", now.minusDays(1).toString()).get(url).then()
                .statusCode(200).body("$", empty());
        assertOpen311Error(given().queryParam("api_key", key).queryParam("start_date", now.minusDays(100).toString())
                .queryParam("end_date", now.toString()).get(url).then(), 400, "90 days");
        assertOpen311Error(given().queryParam("api_key", key).queryParam("start_date", now.toString())
                .queryParam("end_date", now.minusDays(1).toString()).get(url).then(), 400, "start_date");
        assertOpen311Error(given().queryParam("api_key", key).queryParam("start_date", "yesterday").get(url).then(),
                400, "start_date");
        assertOpen311Error(given().queryParam("api_key", key).queryParam("service_request_id", "42").get(url).then(),
                400, "'42' is not a service request id");
        assertOpen311Error(given().queryParam("api_key", key).queryParam("limit", "lots").get(url).then(), 400,
                "limit");
        assertOpen311Error(given().queryParam("api_key", key).queryParam("jurisdiction_id", "elsewhere").get(url)
                .then(), 400, "jurisdiction_id");
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    @Test
    void everyOpen311ErrorIsAnErrorArrayWhileTheJsonApiKeepsProblemJson() {
        assertOpen311Error(given().get(BASE + "/nothing-here.json").then(), 404, "");
        assertOpen311Error(given().get(BASE + "/services.xml").then(), 404, "");
        assertOpen311Error(given().delete(BASE + "/services.json").then(), 405, "");
        given().get("/api/v1/requests/" + UUID.randomUUID()).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN).get("/api/v1/requests/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
