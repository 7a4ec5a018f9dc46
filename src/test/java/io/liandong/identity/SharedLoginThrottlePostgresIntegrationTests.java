package io.liandong.identity;

import io.liandong.testing.RequiresPostgres;
import java.util.List;

/** Two nodes on one schema of the PostgreSQL server at 127.0.0.1:5432. */
@RequiresPostgres
class SharedLoginThrottlePostgresIntegrationTests extends SharedLoginThrottleScenarios {

    private final List<String> database = sharedPostgres();

    @Override
    List<String> databaseArguments() {
        return database;
    }
}
