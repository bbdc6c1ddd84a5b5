package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static cn.grid.request.api.RequestLifecycleTest.move;
import static cn.grid.request.api.RequestLifecycleTest.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The category catalogue: its extra fields checked on submit, its handling level deciding where a ticket
 * lands, edits guarded by If-Match; and what a ticket carries beside: photos, a contact masked in lists, and
 * "me too" folded from a duplicate into its original.
 */
@QuarkusTest
class CategoryCatalogueTest {

    static final UUID DISTRICT = UUID.randomUUID();
    static final UUID STREET = UUID.randomUUID();
    static final UUID COMMUNITY = UUID.randomUUID();
    static final UUID GRID = UUID.randomUUID();
    static final String CITIZEN = token("cat-citizen", null, Roles.CITIZEN);
    static final String ADMIN = token("cat-admin", null, Roles.DISTRICT_ADMIN);
    private static boolean treeKnown;

    @BeforeEach
    void tree() {
        if (treeKnown) {
            return;
        }
        treeKnown = true;
        KnownGrids.chain(new UUID[] {DISTRICT, STREET, COMMUNITY, GRID}, new String[] {"沾益区", "龙华街道", "清河社区",
                "大为小区网格"});
        // cat-worker is the grid's 网格员 by the registry (its token's grid-worker claim gives nothing)
        TestRegistry.assign("cat-worker-" + GRID, GRID, "/" + DISTRICT + "/" + STREET + "/" + COMMUNITY + "/" + GRID + "/",
                "GRID_WORKER");
    }

    static io.restassured.response.ValidatableResponse submit(String token, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/requests").then();
    }

    @Test
    void everyoneReadsTheCatalogueWithItsFieldsAndLimits() {
        given().header("Authorization", CITIZEN).get("/api/v1/request-categories").then().statusCode(200)
                .body("code", hasItem("water-pipe"))
                .body("find { it.code == 'water-pipe' }.type", equalTo("PROBLEM_REPORT"))
                .body("find { it.code == 'water-pipe' }.sla.signWithinMinutes", equalTo(120))
                .body("find { it.code == 'water-pipe' }.fields.code", equalTo(List.of("building", "water_cut")))
                .body("find { it.code == 'vaccination-booking' }.handlingLevel", equalTo("COMMUNITY"));
        given().header("Authorization", CITIZEN).get("/api/v1/request-categories/water-pipe").then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).body("name", equalTo("供水管道破裂"));
        given().header("Authorization", CITIZEN).get("/api/v1/request-categories/no-such").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void extraFieldsAreCheckedAgainstTheCategory() {
        String at = "\"gridNodeId\": \"" + GRID + "\"";
        submit(CITIZEN, "{\"category\": \"water-pipe\", \"title\": \"水管爆裂\", " + at + "}").statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("attributes.water_cut"));
        submit(CITIZEN, "{\"category\": \"water-pipe\", \"title\": \"水管爆裂\", " + at
                + ", \"attributes\": {\"water_cut\": \"maybe\"}}").statusCode(400)
                .body("detail", containsString("'maybe' is not one of [yes, no]"));
        submit(CITIZEN, "{\"category\": \"water-pipe\", \"title\": \"水管爆裂\", " + at
                + ", \"attributes\": {\"water_cut\": \"yes\", \"colour\": \"red\"}}").statusCode(400)
                .body("detail", containsString("attributes.colour"));
        submit(CITIZEN, "{\"type\": \"SERVICE\", \"category\": \"water-pipe\", \"title\": \"水管爆裂\", " + at + "}")
                .statusCode(400).body("detail", containsString("is a PROBLEM_REPORT, not a SERVICE"));
        submit(CITIZEN, "{\"category\": \"retired-or-never\", \"title\": \"x\", " + at + "}").statusCode(400);
        submit(CITIZEN, "{\"title\": \"no type, no category\", " + at + "}").statusCode(400);

        submit(CITIZEN, "{\"category\": \"water-pipe\", \"title\": \"水管爆裂\", " + at
                + ", \"attributes\": {\"water_cut\": \"yes\", \"building\": \" 3 栋 \"},"
                + " \"photos\": [\"https://img.example/pipe.jpg\"]}").statusCode(201)
                .body("type", equalTo("PROBLEM_REPORT")).body("category", equalTo("water-pipe"))
                .body("attributes.building", equalTo("3 栋")).body("attributes.water_cut", equalTo("yes"))
                .body("photos", equalTo(List.of("https://img.example/pipe.jpg")))
                .body("gridNodeId", equalTo(GRID.toString()));
        submit(CITIZEN, "{\"type\": \"SERVICE\", \"title\": \"x\", " + at + ", \"photos\": [\"javascript:alert(1)\"]}")
                .statusCode(400);
        submit(CITIZEN, "{\"category\": \"vaccination-booking\", \"title\": \"给母亲约流感疫苗\", " + at
                + ", \"attributes\": {\"vaccine\": \"influenza\", \"preferred_time\": \"tomorrow\"}}").statusCode(400)
                .body("detail", containsString("attributes.preferred_time"));
    }

    @Test
    void theCategoryHandlingLevelDecidesWhereTheTicketLands() {
        // a vaccination booking located in a grid is the community's to handle
        submit(CITIZEN, "{\"category\": \"vaccination-booking\", \"title\": \"给母亲约流感疫苗\", \"gridNodeId\": \""
                + GRID + "\", \"attributes\": {\"vaccine\": \"influenza\", \"people\": 2, "
                + "\"preferred_time\": \"2026-12-01T09:00:00+08:00\"}}").statusCode(201)
                .body("gridNodeId", equalTo(COMMUNITY.toString())).body("attributes.people", equalTo("2"));
        // filed at the street already: it does not go down
        submit(CITIZEN, "{\"category\": \"vaccination-booking\", \"title\": \"约疫苗\", \"gridNodeId\": \"" + STREET
                + "\", \"attributes\": {\"vaccine\": \"covid19\"}}").statusCode(201)
                .body("gridNodeId", equalTo(STREET.toString()));
    }

    @Test
    void administratorsEditTheCatalogueUnderIfMatch() {
        String code = "lift-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"name": "电梯故障", "type": "PROBLEM_REPORT", "handlingLevel": "COMMUNITY",
                 "sla": {"respondWithinMinutes": 30, "signWithinMinutes": 60, "resolveWithinMinutes": 720},
                 "fields": [{"code": "trapped", "name": "是否困人", "datatype": "SINGLE_VALUE_LIST", "required": true,
                             "values": [{"key": "yes", "name": "困人"}, {"key": "no", "name": "未困人"}], "order": 1}]}""";
        given().header("Authorization", token("w", null, Roles.GRID_WORKER)).contentType(ContentType.JSON).body(body)
                .put("/api/v1/request-categories/" + code).then().statusCode(403);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .put("/api/v1/request-categories/" + code).then().statusCode(201).header("ETag", equalTo("\"0\""))
                .body("autoEscalate", equalTo(true)).body("fields[0].values.key", equalTo(List.of("yes", "no")));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .put("/api/v1/request-categories/" + code).then().statusCode(428);
        String retired = body.replace("\"handlingLevel\"", "\"active\": false, \"handlingLevel\"");
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(retired).put("/api/v1/request-categories/" + code).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("active", equalTo(false));
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(body).put("/api/v1/request-categories/" + code).then().statusCode(412);
        given().header("Authorization", CITIZEN).get("/api/v1/request-categories").then()
                .body("code", not(hasItem(code)));
        submit(CITIZEN, "{\"category\": \"" + code + "\", \"title\": \"电梯停了\", \"gridNodeId\": \"" + GRID
                + "\", \"attributes\": {\"trapped\": \"no\"}}").statusCode(400);

        // a list field without values, and retiring a type's general category, are refused
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body.replace("\"values\": [{\"key\": \"yes\", \"name\": \"困人\"}, {\"key\": \"no\", \"name\": \"未困人\"}]",
                        "\"values\": []")).put("/api/v1/request-categories/x" + code).then().statusCode(400);
        String general = given().header("Authorization", ADMIN).get("/api/v1/request-categories/problem-report-other")
                .then().extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", general).contentType(ContentType.JSON)
                .body(retired.replace("\"fields\": [", "\"fields\": [] , \"unused\": [")).put("/api/v1/request-categories/problem-report-other")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void contactsAreWholeForTheTicketAndMaskedInLists() {
        String worker = token("cat-worker-" + GRID, null, Roles.STAFF);
        String id = submit(worker, "{\"type\": \"SERVICE\", \"channel\": \"VISIT\", \"title\": \"代李阿姨办理证明\", "
                + "\"gridNodeId\": \"" + GRID + "\", \"contact\": {\"name\": \"李秀英\", \"phone\": \"13800001234\"}}")
                .statusCode(201).body("onBehalf", equalTo(true)).body("contact.phone", equalTo("13800001234"))
                .extract().path("id");
        given().header("Authorization", worker).get("/api/v1/requests/" + id).then().statusCode(200)
                .body("contact.name", equalTo("李秀英"));
        given().header("Authorization", worker).queryParam("gridNodeId", GRID).get("/api/v1/requests").then()
                .statusCode(200)
                .body("items.find { it.id == '" + id + "' }.contact.name", equalTo("李*"))
                .body("items.find { it.id == '" + id + "' }.contact.phone", equalTo("138****1234"));
        submit(CITIZEN, "{\"type\": \"SERVICE\", \"title\": \"x\", \"gridNodeId\": \"" + GRID
                + "\", \"contact\": {\"phone\": \"call me maybe\"}}").statusCode(400);
        submit(CITIZEN, "{\"type\": \"SERVICE\", \"title\": \"自己的\", \"gridNodeId\": \"" + GRID
                + "\", \"contact\": {\"phone\": \"13900002222\"}}").statusCode(201).body("onBehalf", equalTo(false))
                .body("contact.name", nullValue());
    }

    @Test
    void aDuplicateResolvedIntoItsOriginalBringsItsMeTooAlong() {
        String at = "\"gridNodeId\": \"" + GRID + "\"";
        String original = submit(CITIZEN, "{\"category\": \"sewage-ditch\", \"title\": \"污水沟\", " + at + "}")
                .statusCode(201).extract().path("id");
        String duplicate = submit(token("cat-other", null, Roles.CITIZEN),
                "{\"category\": \"sewage-ditch\", \"title\": \"又是污水沟\", " + at + "}").statusCode(201)
                .extract().path("id");
        for (String who : List.of("cat-m1", "cat-m2")) {
            given().header("Authorization", token(who, null, Roles.CITIZEN))
                    .post("/api/v1/requests/" + duplicate + "/me-too").then().statusCode(200);
        }
        // cat-m1 also said "me too" on the original: still counted once
        given().header("Authorization", token("cat-m1", null, Roles.CITIZEN))
                .post("/api/v1/requests/" + original + "/me-too").then().statusCode(200).body("meToo", equalTo(1));

        String worker = token("cat-worker-" + GRID, null, Roles.STAFF);
        move(worker, duplicate, "accept", null).statusCode(200);
        move(worker, duplicate, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"cat-worker\"}").statusCode(200);
        move(worker, duplicate, "sign", null).statusCode(200);
        move(worker, duplicate, "start", null).statusCode(200);
        move(worker, duplicate, "resolve", "{\"outcome\": \"DUPLICATE_OF\", \"duplicateOf\": \"" + original + "\"}")
                .statusCode(200).body("duplicateOf", equalTo(original));
        // the duplicate's reporter, cat-m1 (already there) and cat-m2
        given().header("Authorization", token("cat-m3", null, Roles.CITIZEN))
                .post("/api/v1/requests/" + original + "/me-too").then().statusCode(200).body("meToo", equalTo(4));
    }
}
