package cn.grid.notification.api;

import cn.grid.notification.app.InboxWriter;
import cn.grid.notification.domain.Notification;
import cn.grid.notification.domain.NotificationDraft;
import cn.grid.notification.domain.Recipient;
import cn.grid.testsupport.TestJwt;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** The inbox API: paging, filters, unread counts, marking read, whose inbox, bad input. */
@QuarkusTest
class InboxApiTest {

    private static final String PATH = "/api/v1/me/notifications";

    @Inject
    InboxWriter writer;

    private final String citizen = "inbox-citizen-" + UUID.randomUUID();

    @Test
    void pagesComeNewestFirstAndCarryTheUnreadCount() {
        List<Notification> stored = fill(citizen, "request.accepted", "request.resolved", "request.accepted",
                "request.closed", "request.accepted");

        JsonPath first = page(citizen, "?limit=2");
        assertThat(first.getList("items.seq", Long.class)).containsExactly(5L, 4L);
        assertThat(first.getInt("unreadCount")).isEqualTo(5);
        JsonPath second = page(citizen, "?limit=2&cursor=" + first.getString("nextCursor"));
        assertThat(second.getList("items.seq", Long.class)).containsExactly(3L, 2L);
        JsonPath last = page(citizen, "?limit=2&cursor=" + second.getString("nextCursor"));
        assertThat(last.getList("items.seq", Long.class)).containsExactly(1L);
        assertThat(last.getMap("").containsKey("nextCursor")).as("no nextCursor on the last page").isFalse();

        JsonPath one = page(citizen, "?limit=1");
        assertThat(one.getString("items[0].id")).isEqualTo(stored.get(4).id().toString());
        assertThat(one.getString("items[0].title")).isEqualTo("标题 5");
        assertThat(one.getString("items[0].body")).isEqualTo("正文");
        assertThat(one.getString("items[0].createdAt")).isNotNull();
        assertThat(one.getMap("items[0]")).containsEntry("readAt", null);

        assertThat(page(citizen, "?kind=request.accepted").getList("items.seq", Long.class))
                .containsExactly(5L, 3L, 1L);
        assertThat(page(citizen, "?kind=request.accepted&limit=2&cursor="
                + page(citizen, "?kind=request.accepted&limit=2").getString("nextCursor"))
                .getList("items.seq", Long.class)).containsExactly(1L);
        // a limit out of range is clamped, as everywhere in the suite
        assertThat(page(citizen, "?limit=0").getList("items")).hasSize(1);
        assertThat(page(citizen, "?limit=1000").getList("items")).hasSize(5);
    }

    @Test
    void markingReadOneAllOrUpToASeq() {
        List<Notification> stored = fill(citizen, "a.one", "a.two", "a.three", "a.four");
        UUID second = stored.get(1).id();

        given().auth().oauth2(token(citizen)).when().post(PATH + "/" + second + "/read").then().statusCode(204);
        JsonPath after = page(citizen, "");
        assertThat(after.getInt("unreadCount")).isEqualTo(3);
        String readAt = after.getString("items.find { it.seq == 2 }.readAt");
        assertThat(readAt).isNotNull();
        // again: still 204, nothing changes
        given().auth().oauth2(token(citizen)).when().post(PATH + "/" + second + "/read").then().statusCode(204);
        assertThat(page(citizen, "").getString("items.find { it.seq == 2 }.readAt")).isEqualTo(readAt);
        assertThat(page(citizen, "").getInt("unreadCount")).isEqualTo(3);
        assertThat(page(citizen, "?unread=true").getList("items.seq", Long.class)).containsExactly(4L, 3L, 1L);

        given().auth().oauth2(token(citizen)).contentType("application/json").body("{\"upToSeq\": 3}")
                .when().post(PATH + "/read")
                .then().statusCode(200).body("marked", equalTo(2)).body("unreadCount", equalTo(1));
        assertThat(page(citizen, "?unread=true").getList("items.seq", Long.class)).containsExactly(4L);

        // no body and no Content-Type at all (fetch, curl -X POST): all of them
        HttpResponse<String> bare = bareMarkAll(citizen);
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(bare.body()).getInt("marked")).isEqualTo(1);
        assertThat(JsonPath.from(bare.body()).getInt("unreadCount")).isZero();
        given().auth().oauth2(token(citizen)).contentType("application/json").when().post(PATH + "/read")
                .then().statusCode(200).body("marked", equalTo(0));
        given().auth().oauth2(token(citizen)).contentType("application/json").body("{}")
                .when().post(PATH + "/read")
                .then().statusCode(200).body("marked", equalTo(0)).body("unreadCount", equalTo(0));
        assertThat(page(citizen, "?unread=true").getList("items")).isEmpty();
    }

    @Test
    void aCallerReadsAndMarksOnlyTheirOwnInbox() {
        String other = "inbox-other-" + UUID.randomUUID();
        List<Notification> theirs = fill(other, "request.accepted");
        fill(citizen, "request.closed");

        JsonPath mine = page(citizen, "");
        assertThat(mine.getList("items.kind")).containsExactly("request.closed");
        assertThat(mine.getInt("unreadCount")).isEqualTo(1);

        given().auth().oauth2(token(citizen)).when().post(PATH + "/" + theirs.get(0).id() + "/read")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(citizen)).when().post(PATH + "/" + UUID.randomUUID() + "/read")
                .then().statusCode(404);
        assertThat(bareMarkAll(citizen).statusCode()).isEqualTo(200);
        // the other inbox is untouched
        assertThat(page(other, "").getInt("unreadCount")).isEqualTo(1);
        assertThat(page(other, "").getString("items[0].readAt")).isNull();

        given().when().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").when().post(PATH + "/read").then().statusCode(401);
        given().when().post(PATH + "/" + theirs.get(0).id() + "/read").then().statusCode(401);
    }

    @Test
    void aLinkedLoginReadsItsPersonsInboxNotItsLogins() {
        // a caller the registry does not know reads subject:<login>; the person key is not theirs
        Recipient person = Recipient.person(UUID.randomUUID());
        deliver(List.of(new NotificationDraft(person, "request.dispatched", "给某人", null, null, null, null)));
        fill(citizen, "request.accepted");
        assertThat(page(citizen, "").getList("items.kind")).containsExactly("request.accepted");
    }

    @Test
    void badInputIsAProblem() {
        fill(citizen, "request.accepted");
        given().auth().oauth2(token(citizen)).when().get(PATH + "?cursor=not-a-cursor")
                .then().statusCode(400).contentType("application/problem+json");
        // a cursor of another API's shape (base64 of a non-number)
        given().auth().oauth2(token(citizen)).when().get(PATH + "?cursor=YWJj")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token(citizen)).when().get(PATH + "?limit=ten")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token(citizen)).when().get(PATH + "?kind=Request%20Accepted")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("kind"));
        given().auth().oauth2(token(citizen)).when().get(PATH + "?kind=" + "a".repeat(65))
                .then().statusCode(400);
        given().auth().oauth2(token(citizen)).when().get(PATH + "?unread=maybe")
                .then().statusCode(400);
        given().auth().oauth2(token(citizen)).when().post(PATH + "/not-a-uuid/read")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token(citizen)).contentType("text/plain").body("all")
                .when().post(PATH + "/read").then().statusCode(415);
        given().auth().oauth2(token(citizen)).contentType("application/json").body("{\"upToSeq\": -1}")
                .when().post(PATH + "/read").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token(citizen)).contentType("application/json").body("{\"upToSeq\": \"x\"}")
                .when().post(PATH + "/read").then().statusCode(400);
        given().auth().oauth2(token(citizen)).contentType("application/json").body("{\"all\": true}")
                .when().post(PATH + "/read").then().statusCode(400);
        given().auth().oauth2(token(citizen)).contentType("application/json").body("{")
                .when().post(PATH + "/read").then().statusCode(400);
        // nothing was marked by the bad calls
        given().auth().oauth2(token(citizen)).when().get(PATH).then().statusCode(200)
                .body("unreadCount", equalTo(1)).body("items[0].readAt", nullValue());
    }

    /** POST .../read with neither body nor Content-Type (RestAssured always sends one). */
    private static HttpResponse<String> bareMarkAll(String subject) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + PATH + "/read"))
                    .header("Authorization", "Bearer " + token(subject))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Notification> fill(String subject, String... kinds) {
        List<Notification> stored = new ArrayList<>();
        int i = 0;
        for (String kind : kinds) {
            i++;
            stored.addAll(deliver(List.of(new NotificationDraft(Recipient.subject(subject), kind, "标题 " + i, "正文",
                    "request", UUID.randomUUID().toString(), null))));
        }
        return stored;
    }

    private List<Notification> deliver(List<NotificationDraft> drafts) {
        return QuarkusTransaction.requiringNew().call(() ->
                new ArrayList<>(writer.deliver(drafts, UUID.randomUUID(), "cn.grid.request.accepted.v1")));
    }

    private static JsonPath page(String subject, String query) {
        return given().auth().oauth2(token(subject)).when().get(PATH + query)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String token(String subject) {
        return TestJwt.token(subject, null, "citizen");
    }
}
