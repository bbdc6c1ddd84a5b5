package cn.grid.request.app;

import cn.grid.platform.metrics.SampledValue;
import cn.grid.request.domain.SlaStage;
import cn.grid.request.persistence.OverdueCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import cn.grid.request.config.RequestsConfig;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The SLA clocks as ops see them, per stage ({@code RESPOND}, {@code SIGN}, {@code RESOLVE}):
 * {@code grid_requests_overdue} (tickets whose clock of that stage is overdue now: open, late work; the table's, so
 * the same on every instance — aggregate with {@code max}; counted every {@code grid.requests.sla.metrics-interval}) and {@code grid_requests_sla_overdue_marked_total} (clocks
 * this instance's sweep marked overdue; its growth is the rate at which deadlines are missed). Both exist from the
 * start, at 0, so a rule over them has a series to read before the first deadline is missed ({@code @Startup}: made
 * at start, not when the sweep first marks a clock).
 */
@Startup
@ApplicationScoped
public class SlaMetrics {

    private final Map<SlaStage, Counter> marked = new EnumMap<>(SlaStage.class);
    private final SampledValue<Map<SlaStage, Long>> overdue;

    public SlaMetrics(MeterRegistry registry, OverdueCounts counts, RequestsConfig config) {
        Duration interval = config.sla().metricsInterval();
        // counted in the background: a scrape never waits for (nor may it run) a query
        overdue = SampledValue.every("the overdue tickets", interval, counts::now);
        for (SlaStage stage : SlaStage.values()) {
            String tag = stage.name();
            Gauge.builder("grid.requests.overdue", overdue, o -> {
                        Map<SlaStage, Long> now = o.get();
                        return now == null ? Double.NaN : now.get(stage);
                    })
                    .description("Tickets whose clock of this stage is overdue now (open, late work)")
                    .tag("stage", tag).register(registry);
            marked.put(stage, Counter.builder("grid.requests.sla.overdue.marked")
                    .description("Clocks of this stage the SLA sweep marked overdue")
                    .tag("stage", tag).register(registry));
        }
    }

    @PreDestroy
    void stop() {
        overdue.stop();
    }

    void markedOverdue(SlaStage stage) {
        marked.get(stage).increment();
    }
}
