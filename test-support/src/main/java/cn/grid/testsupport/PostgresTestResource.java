package cn.grid.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Gives the Quarkus application under test its own fresh PostgreSQL database, dropped when the tests end. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;
    private String prefix = "grid_test";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("prefix", prefix);
    }

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create(prefix);
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", TestDatabase.user(),
                "quarkus.datasource.password", TestDatabase.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
