package cn.grid.study;

import cn.grid.platform.outbox.KafkaClients;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.SqlCount;
import cn.grid.testsupport.TestGridEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Party organisations, memberships and teams reach study-service's read models (coverage denominators). */
@QuarkusTest
class GridReadModelsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void organisationsMembershipsAndTeamsAreKept() throws Exception {
        UUID org = UUID.randomUUID();
        UUID grid = UUID.randomUUID();
        TestGridEvents.publish("grid.party-org.created.v1", org, Map.of("orgId", org.toString(),
                "orgPath", "/" + org + "/", "parentId", "", "gridNodeId", grid.toString(),
                "gridPath", "/" + grid + "/"));
        // parentId "" is not a UUID: that event is dead-lettered; the corrected one is applied
        Map<String, Object> root = new HashMap<>(Map.of("orgId", org.toString(), "orgPath", "/" + org + "/",
                "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/"));
        root.put("parentId", null);
        TestGridEvents.publish("grid.party-org.created.v1", org, root);
        await().atMost(Duration.ofSeconds(20)).until(() -> value("select name from party_org_view where org_id = ?", org)
                != null);
        TestGridEvents.publish("grid.party-org.changed.v1", org, Map.of("orgId", org.toString(),
                "orgPath", "/" + org + "/", "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/",
                "name", "改名后的支部"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "改名后的支部".equals(
                value("select name from party_org_view where org_id = ?", org)));

        UUID membership = UUID.randomUUID();
        TestGridEvents.publish("grid.party-org.membership-changed.v1", org, Map.of("membershipId",
                membership.toString(), "orgId", org.toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "SECRETARY".equals(
                value("select role from party_org_member_view where membership_id = ?", membership)));

        UUID team = UUID.randomUUID();
        TestGridEvents.publish("grid.team.changed.v1", team, Map.of("teamId", team.toString(), "version", 3,
                "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/"));
        await().atMost(Duration.ofSeconds(20)).until(() -> value("select version from team_view where team_id = ?",
                team) != null);
        // an older snapshot arriving late changes nothing
        TestGridEvents.publish("grid.team.changed.v1", team, Map.of("teamId", team.toString(), "version", 1,
                "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/", "members", List.of()));
        TestGridEvents.publish("grid.team.changed.v1", team, Map.of("teamId", team.toString(), "version", 4,
                "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/", "name", "新名字"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "4".equals(
                value("select version from team_view where team_id = ?", team)));
        assertThat(value("select members::text from team_view where team_id = ?", team)).contains("队长");
    }

    /**
     * grid.events also carries what the read models have no use for (registration requests, for notifications): the
     * consumer skips those types — neither applied, nor recorded as processed, nor dead-lettered — and goes on.
     */
    @Test
    void typesTheReadModelsDoNotUseAreSkipped() throws Exception {
        UUID registration = UUID.randomUUID();
        String submitted = TestGridEvents.publish("grid.registration.submitted.v1", registration,
                Map.of("registrationId", registration.toString()));
        String reviewed = TestGridEvents.publish("grid.registration.reviewed.v1", registration,
                Map.of("registrationId", registration.toString()));
        // the same key, so the same partition, after them: once this node is applied, the two were handled
        Map<String, Object> node = new HashMap<>(Map.of("nodeId", registration.toString(),
                "path", "/" + registration + "/", "level", "DISTRICT"));
        node.put("parentId", null);
        String created = TestGridEvents.publish("grid.node.created.v1", registration, node);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                value("select name from grid_node_view where id = ?", registration) != null);

        assertThat(SqlCount.of(dataSource, "select count(*) from processed_event where event_id = ?",
                UUID.fromString(created))).isEqualTo(1);
        assertThat(SqlCount.of(dataSource, "select count(*) from processed_event where event_id in (?, ?)",
                UUID.fromString(submitted), UUID.fromString(reviewed))).isZero();
        assertThat(deadLetters("study-service.grid-events.dlt"))
                .noneMatch(letter -> letter.contains(submitted) || letter.contains(reviewed));
    }

    /** Every record of a topic up to its current end (none when the topic does not exist). */
    private static List<String> deadLetters(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "dlt-reader-" + UUID.randomUUID()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return List.of(); // nothing was ever dead-lettered
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> letters = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return letters;
        }
    }

    private String value(String sql, UUID id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
