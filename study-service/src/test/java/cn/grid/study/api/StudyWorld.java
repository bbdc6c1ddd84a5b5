package cn.grid.study.api;

import cn.grid.platform.outbox.KafkaClients;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.SqlCount;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * A small district as grid-service would announce it, with fresh ids per test class: a town (长沙县) with two
 * villages, a party committee over two village branches, and members registered in them.
 */
final class StudyWorld {

    final UUID town = UUID.randomUUID();
    final UUID villageA = UUID.randomUUID();
    final UUID villageB = UUID.randomUUID();
    final UUID orgTown = UUID.randomUUID();
    final UUID orgA = UUID.randomUUID();
    final UUID orgB = UUID.randomUUID();
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    /** members of branch A */
    final String chen = "chen-" + suffix;
    final String li = "li-" + suffix;
    /** member of branch B */
    final String wang = "wang-" + suffix;
    /** member of both branches */
    final String zhao = "zhao-" + suffix;
    /** a party member known to no organisation */
    final String stranger = "stranger-" + suffix;
    final UUID chenPerson = UUID.randomUUID();

    private boolean known;

    void ensure(AgroalDataSource dataSource) {
        if (known) {
            return;
        }
        known = true;
        TestGridEvents.nodeCreated(town, null, "/" + town + "/", "DISTRICT", "CS" + suffix, "长沙县");
        TestGridEvents.nodeCreated(villageA, town, "/" + town + "/" + villageA + "/", "STREET", "LW" + suffix, "龙王庙村");
        TestGridEvents.nodeCreated(villageB, town, "/" + town + "/" + villageB + "/", "STREET", "HX" + suffix, "河西村");
        org(orgTown, null, "/" + orgTown + "/", "春华镇党委", town, "/" + town + "/");
        org(orgA, orgTown, "/" + orgTown + "/" + orgA + "/", "龙王庙村党支部", villageA, "/" + town + "/" + villageA + "/");
        org(orgB, orgTown, "/" + orgTown + "/" + orgB + "/", "河西村党支部", villageB, "/" + town + "/" + villageB + "/");
        member(orgA, chenPerson, "陈党员", chen);
        member(orgA, UUID.randomUUID(), "李党员", li);
        member(orgB, UUID.randomUUID(), "王党员", wang);
        member(orgA, UUID.randomUUID(), "赵党员", zhao);
        member(orgB, UUID.randomUUID(), "赵党员", zhao);
        await().atMost(Duration.ofSeconds(30)).until(() -> SqlCount.of(dataSource,
                "select count(*) from party_org_member_view where org_id in (?, ?)", orgA, orgB) == 5
                && SqlCount.of(dataSource, "select count(*) from party_org_view where org_id in (?, ?)", orgA, orgB) == 2
                && SqlCount.of(dataSource, "select count(*) from party_org_view where org_id in (?, ?)", orgTown, orgTown) == 1
                && SqlCount.of(dataSource, "select count(*) from grid_node_view where id in (?, ?)", villageA, villageB) == 2
                && SqlCount.of(dataSource, "select count(*) from grid_node_view where id in (?, ?)", town, town) == 1);
        // admin(node) logins: the registry makes each the secretary of the organisation at that node
        TestRegistry.orgRole("admin-" + town, orgTown, "SECRETARY");
        TestRegistry.orgRole("admin-" + villageA, orgA, "SECRETARY");
        TestRegistry.orgRole("admin-" + villageB, orgB, "SECRETARY");
        // worker(node) logins: grid workers (staff, but no party role) at the villages
        TestRegistry.assign("worker-" + villageA, villageA, "/" + town + "/" + villageA + "/", "GRID_WORKER");
        TestRegistry.assign("worker-" + villageB, villageB, "/" + town + "/" + villageB + "/", "GRID_WORKER");
    }

    private void org(UUID id, UUID parent, String orgPath, String name, UUID grid, String gridPath) {
        Map<String, Object> data = new HashMap<>(Map.of("orgId", id.toString(), "orgPath", orgPath, "name", name,
                "gridNodeId", grid.toString(), "gridPath", gridPath));
        data.put("parentId", parent == null ? null : parent.toString());
        TestGridEvents.publish("grid.party-org.created.v1", id, data);
    }

    private void member(UUID org, UUID person, String name, String subject) {
        Map<String, Object> data = new HashMap<>(Map.of("membershipId", UUID.randomUUID().toString(),
                "orgId", org.toString(), "personId", person.toString(), "personName", name, "subject", subject,
                "role", "MEMBER", "startDate", "2022-01-01"));
        data.put("endDate", null);
        TestGridEvents.publish("grid.party-org.membership-changed.v1", org, data);
    }


    static String admin(UUID node) {
        return "Bearer " + TestJwt.token("admin-" + node, node.toString(), Roles.ORG_ADMIN);
    }

    /** A grid worker of the village (made one by the registry in {@link #ensure}): staff, not a party member. */
    static String worker(UUID node) {
        return "Bearer " + TestJwt.token("worker-" + node, null, Roles.STAFF);
    }

    /** A service account (reporting, the gateway's dashboard), bound to a node or (null) to the whole district. */
    static String service(UUID node) {
        return "Bearer " + TestJwt.token("reporting", node == null ? null : node.toString(), Roles.SERVICE);
    }

    static String district() {
        return "Bearer " + TestJwt.token("district", null, Roles.DISTRICT_ADMIN);
    }

    String member(String subject, UUID node) {
        return "Bearer " + TestJwt.token(subject, node.toString(), Roles.PARTY_MEMBER);
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON);
    }

    static String etag(ValidatableResponse response) {
        return response.extract().header("ETag");
    }

    /** Published records on study.events with this key, waiting until at least {@code count} arrived. */
    static List<ConsumerRecord<String, String>> events(String key, String type, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "catalogue-test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of("study.events"));
            List<ConsumerRecord<String, String>> matching = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key()) && r.value().contains(type)) {
                        matching.add(r);
                    }
                });
                return matching.size() >= count;
            });
            return matching;
        }
    }
}
