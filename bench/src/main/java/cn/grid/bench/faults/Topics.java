package cn.grid.bench.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** The fault suite's Kafka broker: consumer groups' lag, and topics read back from the start. */
final class Topics {

    private final String bootstrap;
    private final String run;

    Topics(String bootstrap, String run) {
        this.bootstrap = bootstrap;
        this.run = run;
    }

    /**
     * Every consumer group of the suite (not the bench's own readers) and how many records of its topic it has not
     * committed past: the broker's view, so a consumer that died or froze shows however quiet its service is.
     */
    Map<String, Long> consumerLags() throws Exception {
        Map<String, Long> lags = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            for (GroupListing group : admin.listGroups().all().get(15, TimeUnit.SECONDS)) {
                String name = group.groupId();
                String topic = name.endsWith(".request-events") ? "request.events"
                        : name.endsWith(".grid-events") ? "grid.events" : null;
                if (topic == null) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(name)
                        .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
                List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(15, TimeUnit.SECONDS).get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
                long lag = 0;
                for (var end : admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS).entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue().offset() - (at == null ? 0 : at.offset());
                }
                lags.put(name, lag);
            }
        }
        return lags;
    }

    /** Reads request.events from the start: the submitted events of these tickets, records and distinct ids. */
    SubmittedEvents.Count countSubmitted(Set<String> tickets) {
        SubmittedEvents events = new SubmittedEvents(tickets);
        readAll("request.events", "faults-" + run + "-" + UUID.randomUUID(), events::add);
        return events.count();
    }

    /** Reads a whole topic back and checks each key's events for order. */
    EventOrder.Result order(String topic) {
        EventOrder order = new EventOrder(topic);
        readAll(topic, "faults-order-" + run + "-" + UUID.randomUUID(), order::add);
        return order.result();
    }

    private void readAll(String topic, String group, BiConsumer<String, String> each) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(r.key(), r.value());
                }
            }
        }
    }
}
