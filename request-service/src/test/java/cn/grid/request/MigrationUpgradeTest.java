package cn.grid.request;

import cn.grid.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database migrated by an earlier release must take platform migrations (versions 0.x) added later,
 * below the service's own V1: the local suite once refused to start on such a database.
 */
class MigrationUpgradeTest {

    @Test
    void platformMigrationsAddedLaterApplyToAnExistingDatabase() throws IOException {
        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        try (TestDatabase database = TestDatabase.create("request_upgrade")) {
            // an earlier release: the service's migrations and the platform's outbox, no grid read models yet
            flyway(database, false, "classpath:db/migration", "classpath:db/platform").migrate();

            // this release, configured as the service configures itself
            boolean outOfOrder = Boolean.parseBoolean(config.getProperty("quarkus.flyway.out-of-order", "false"));
            String[] locations = config.getProperty("quarkus.flyway.locations").split(",");
            for (int i = 0; i < locations.length; i++) {
                locations[i] = "classpath:" + locations[i].strip();
            }
            var result = flyway(database, outOfOrder, locations).migrate();

            assertThat(result.success).isTrue();
            assertThat(result.migrations).extracting(m -> m.version).contains("0.2", "0.3", "0.4", "0.5");
        }
    }

    private static Flyway flyway(TestDatabase database, boolean outOfOrder, String... locations) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), TestDatabase.user(), TestDatabase.password())
                .locations(locations)
                .outOfOrder(outOfOrder)
                .load();
    }
}
