package cn.grid.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Where the grids are, for everything counted in days (assignments, memberships, report periods): one zone,
 * {@code grid.time-zone} (default Asia/Shanghai), for every service.
 */
@ApplicationScoped
public class GridCalendar {

    private final ZoneId zone;

    // grid.time-zone is a leaf right under the suite's grid.* namespace: a @ConfigMapping would need the prefix
    // "grid", and SmallRye's unknown-property check would then claim every grid.* property of every service.
    public GridCalendar(@ConfigProperty(name = "grid.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.now(zone);
    }

    /** The first instant of {@code day} there. */
    public OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }
}
