package io.liandong.identity;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import java.util.List;

/** Two nodes on one schema of the PostgreSQL server at 127.0.0.1:5432. */
@RequiresPostgres
class SharedLoginThrottlePostgresIntegrationTests extends SharedLoginThrottleScenarios {

    private final String schema = Databases.freshPostgresSchema();

    @Override
    List<String> databaseArguments() {
        return List.of(
                "--spring.datasource.url=" + Databases.PG_URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + Databases.PG_USER,
                "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema);
    }
}
