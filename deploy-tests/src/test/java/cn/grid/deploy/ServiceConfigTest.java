package cn.grid.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the deploy tests find a service's consumer groups (and so the dead-letter topics the manifests must have). */
class ServiceConfigTest {

    private static final String EVENT_TYPES = """
            public final class EventTypes {
                public static final String GRID_TOPIC = "grid.events";
                public static final String STUDY_TOPIC = "study.events";
                public static final String NOTIFICATION_TOPIC = "notification.events";
            }""";

    @Test
    void aGroupNamedAfterItsTopicOrNamingItsTopicConstant() {
        String source = """
                class Consumers {
                    static final String REGISTRATIONS = "notification-service.registrations";
                    void start() {
                        consumers.start("grid-service.request-events", topic, handlers);
                        consumers.start(REGISTRATIONS, EventTypes.GRID_TOPIC, Map.of());
                    }
                }""";
        assertThat(ServiceConfig.consumersIn(source, "Consumers.java", EVENT_TYPES)).isEqualTo(Map.of(
                "grid-service.request-events", "request.events",
                "notification-service.registrations", "grid.events"));
    }

    @Test
    void aGroupPerConfiguredTopicCoversEveryTopicOfTheSuite() {
        String source = """
                class Webhooks {
                    static final String CONSUMER_PREFIX = "notification-service.webhooks-";
                    void start() {
                        for (String topic : topics) {
                            consumers.start(CONSUMER_PREFIX + topic, topic, Map.of());
                        }
                    }
                }""";
        assertThat(ServiceConfig.consumersIn(source, "Webhooks.java", EVENT_TYPES)).isEqualTo(Map.of(
                "notification-service.webhooks-grid.events", "grid.events",
                "notification-service.webhooks-study.events", "study.events",
                "notification-service.webhooks-notification.events", "notification.events"));
    }

    @Test
    void aGroupMadeUpOtherwiseIsRefused() {
        String source = """
                class Odd {
                    void start() {
                        consumers.start(name(), topic, Map.of());
                    }
                }""";
        assertThatThrownBy(() -> ServiceConfig.consumersIn(source, "Odd.java", EVENT_TYPES))
                .hasMessageContaining("Odd.java").hasMessageContaining("update ServiceConfig");
    }
}
