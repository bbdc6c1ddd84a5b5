package cn.grid.platform.config;

import cn.grid.platform.consumer.ConsumerConfig;
import cn.grid.platform.idempotency.IdempotencyConfig;
import cn.grid.platform.outbox.EventsConfig;
import cn.grid.platform.outbox.OutboxConfig;
import cn.grid.platform.security.VerifiedTokensConfig;
import cn.grid.platform.security.registry.RightsConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's typed configuration as SmallRye Config builds it in a service (Quarkus' duration converter,
 * Hibernate Validator): today's defaults, the property names deploy/ and the services' application.properties
 * use, and a bad value refused with a message naming the property.
 */
class PlatformConfigMappingTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .withMapping(EventsConfig.class).withMapping(OutboxConfig.class).withMapping(ConsumerConfig.class)
                .withMapping(IdempotencyConfig.class)
                .withMapping(RightsConfig.class).withMapping(VerifiedTokensConfig.class)
                .build();
    }

    private static final Map<String, String> REQUIRED = Map.of("grid.events.topic", "request.events",
            "grid.events.source", "/request-service");

    @Test
    void theDefaultsAreTheOnesTheServicesRanWith() {
        SmallRyeConfig config = config(REQUIRED);

        EventsConfig events = config.getConfigMapping(EventsConfig.class);
        assertThat(events.topic()).isEqualTo("request.events");
        assertThat(events.partitions()).isEqualTo(3);
        OutboxConfig outbox = config.getConfigMapping(OutboxConfig.class);
        assertThat(outbox.enabled()).isTrue();
        assertThat(outbox.batchSize()).isEqualTo(200);
        assertThat(outbox.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(outbox.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(outbox.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(outbox.healthTolerance()).isEqualTo(Duration.ofSeconds(30));
        ConsumerConfig consumer = config.getConfigMapping(ConsumerConfig.class);
        assertThat(consumer.maxAttempts()).isEqualTo(3);
        assertThat(consumer.commitTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(consumer.probeInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(consumer.maxRestartBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(consumer.healthTolerance()).isEqualTo(Duration.ofSeconds(30));
        IdempotencyConfig idempotency = config.getConfigMapping(IdempotencyConfig.class);
        assertThat(idempotency.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(idempotency.purgeEvery()).isEqualTo(Duration.ofHours(1));
        RightsConfig rights = config.getConfigMapping(RightsConfig.class);
        assertThat(rights.ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rights.unlistenedTtl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(rights.maxSize()).isEqualTo(20000);
        VerifiedTokensConfig tokens = config.getConfigMapping(VerifiedTokensConfig.class);
        assertThat(tokens.maxSize()).isEqualTo(10000);
        assertThat(tokens.ttl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void thePropertyNamesAreTheOnesDeployAndTheServicesSet() {
        Map<String, String> properties = new java.util.HashMap<>(REQUIRED);
        properties.putAll(Map.of("grid.outbox.poll-interval", "2s", "grid.consumer.max-attempts", "5",
                "grid.rights.unlistened-ttl", "PT0.25S", "grid.auth.verified-tokens.ttl", "1M",
                "grid.idempotency.retention", "2d", "grid.events.partitions", "6"));
        SmallRyeConfig config = config(properties);

        assertThat(config.getConfigMapping(OutboxConfig.class).pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.getConfigMapping(ConsumerConfig.class).maxAttempts()).isEqualTo(5);
        assertThat(config.getConfigMapping(RightsConfig.class).unlistenedTtl()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.getConfigMapping(VerifiedTokensConfig.class).ttl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.getConfigMapping(IdempotencyConfig.class).retention()).isEqualTo(Duration.ofDays(2));
        assertThat(config.getConfigMapping(EventsConfig.class).partitions()).isEqualTo(6);
    }

    @Test
    void aBadValueFailsAtStartWithTheProperty() {
        Map<String, String> properties = new java.util.HashMap<>(REQUIRED);
        properties.put("grid.outbox.poll-interval", "-PT1S");
        properties.put("grid.consumer.max-attempts", "0");
        properties.put("grid.rights.ttl", "PT0S");

        assertThatThrownBy(() -> config(properties)).isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("grid.outbox.poll-interval").hasMessageContaining("grid.consumer.max-attempts")
                .hasMessageContaining("grid.rights.ttl");
    }

    @Test
    void aServiceWithoutItsTopicDoesNotStart() {
        assertThatThrownBy(() -> config(Map.of("grid.events.source", "/x")))
                .hasMessageContaining("grid.events.topic");
    }
}
