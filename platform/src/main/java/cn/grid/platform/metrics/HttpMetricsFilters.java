package cn.grid.platform.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Applies {@link BoundedHttpTags} to every service's registry (Quarkus picks up MeterFilter beans). */
@Singleton
public class HttpMetricsFilters {

    @Produces
    @Singleton
    MeterFilter boundedMethods() {
        return BoundedHttpTags.methods();
    }
}
