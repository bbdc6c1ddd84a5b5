package cn.grid.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/**
 * {@code grid.requests.*}: rules of the ticket lifecycle that operators may tune. (request-service's settings are
 * one mapping per {@code grid.<feature>} prefix — never the bare {@code grid}, which SmallRye's unknown-property
 * check would make claim every {@code grid.*} property, the platform's included.)
 */
@ConfigMapping(prefix = "grid.requests")
public interface RequestsConfig {

    /**
     * How far (metres) from a ticket open tickets of the same type and category are listed as its likely duplicates
     * (at most five), so staff merge them instead of handling one problem twice.
     */
    @WithDefault("200")
    @Positive
    double duplicateRadius();

    /**
     * How long after its resolution a ticket waits for the citizen's rating: the SLA sweep closes one not rated
     * within it without a rating (评价期满自动办结).
     */
    @WithDefault("7d")
    @DurationMin(minutes = 1)
    Duration ratingWindow();

    Sla sla();

    /** {@code grid.requests.sla.*}: the sweep that marks overdue clocks and escalates. */
    interface Sla {

        /**
         * How often each instance sweeps (instances sweep side by side, FOR UPDATE SKIP LOCKED); {@code off}
         * disables the sweep in an instance. Read by {@code SlaSweepService}'s {@code @Scheduled} expression, which
         * takes a duration or "off"; mapped here so the property is known and documented.
         */
        @WithDefault("30s")
        @NotBlank
        String sweepEvery();

        /**
         * How often each instance counts the overdue open tickets for {@code grid_requests_overdue}: in the
         * background, so a scrape never waits for a query.
         */
        @WithDefault("PT5S")
        @DurationMin(millis = 10)
        Duration metricsInterval();
    }
}
